import { writeFile } from 'node:fs/promises';
import type { AccuracyReport, CrossValidation } from '../analysis/accuracy-report-schema.js';
import { crossValidate } from '../analysis/cross-validate.js';
import { evaluateModel } from '../analysis/evaluate-model.js';
import { formatLearnResult } from '../analysis/format-learn.js';
import { formatAccuracyReport, formatCrossValidation } from '../analysis/format-report.js';
import { learnModel } from '../analysis/learn-model.js';
import { splitRows } from '../analysis/split-rows.js';
import { AppError } from '../errors.js';
import { labelledRows, parseOutcome, readCsv } from './csv-source.js';
import { exitOnAppError } from './exit-on-app-error.js';
import { parseCommandArgs } from './parse-command-args.js';

const HELP = `Usage: lead-scoring analyze --csv FILE --outcome COLUMN=VALUE [options]

Learns a points model from past conversions in a CSV (one row per contact; columns are property names as written
in the header), reports its cross-validated accuracy and any leaky columns, and writes the model.

  --csv FILE            the labelled contacts
  --outcome COL=VALUE   a row converted when COL equals VALUE (trimmed, case-insensitive), e.g. Converted=1
  --exclude COLS        comma-separated columns never to use (repeatable)
  --max-rules N         at most N rules (default 10)
  --seed S              seed for splits and folds (default 1)
  --split F             learn from a stratified F share of the rows (e.g. 0.7) and report accuracy on the rest
  --folds K             cross-validation folds over the learning rows (default 5; 0 skips)
  --include-leaky       keep every column the leakage guard flags
  --insist COL          keep this flagged column (repeatable)
  --fit COLS, --engagement COLS   place these columns in that dimension (default: by name)
  --unknown TOKENS      comma-separated values that mean unknown besides empty (default: Select)
  --id ID, --name NAME  the model's id and name
  --out MODEL.json      write the model there
  --json                print everything as one JSON document`;

const list = (values: string[] | undefined): string[] =>
  (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

const OPTIONS = {
  csv: { type: 'string' },
  outcome: { type: 'string' },
  exclude: { type: 'string', multiple: true },
  'max-rules': { type: 'string' },
  seed: { type: 'string' },
  split: { type: 'string' },
  folds: { type: 'string' },
  'include-leaky': { type: 'boolean' },
  insist: { type: 'string', multiple: true },
  fit: { type: 'string', multiple: true },
  engagement: { type: 'string', multiple: true },
  unknown: { type: 'string' },
  id: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `lead-scoring analyze`: see HELP. Exit 0 on success, 1 on bad input. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('analyze', HELP, argv, OPTIONS, ['csv', 'outcome']);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  try {
    const seed = integer(values.seed ?? '1', '--seed');
    const split = values.split === undefined ? null : share(values.split);
    const folds = integer(values.folds ?? '5', '--folds');
    const rows = labelledRows(await readCsv(values.csv), parseOutcome(values.outcome));
    const { train, test } = split === null ? { train: rows, test: [] } : splitRows(rows, split, seed);
    const now = Date.now();
    const dimensions = Object.fromEntries([
      ...list(values.fit).map((c) => [c, 'fit'] as const),
      ...list(values.engagement).map((c) => [c, 'engagement'] as const),
    ]);
    const options = {
      now,
      seed,
      exclude: list(values.exclude),
      includeLeaky: values['include-leaky'] ?? false,
      insist: list(values.insist),
      dimensions,
      ...(values['max-rules'] !== undefined ? { maxRules: integer(values['max-rules'], '--max-rules') } : {}),
      ...(values.unknown !== undefined ? { unknownTokens: ['', ...list([values.unknown])] } : {}),
      model: { ...(values.id ? { id: values.id } : {}), ...(values.name ? { name: values.name } : {}) },
    };
    const result = learnModel(train, options);
    const leaky = result.skipped.filter((s) => s.reason === 'leakage').map((s) => s.column);
    const crossValidation: CrossValidation | null = folds >= 2 ? crossValidate(train, options, leaky, folds) : null;
    const holdout: AccuracyReport | null = test.length ? evaluateModel(result.model, test, now) : null;
    if (values.out) await writeFile(values.out, `${JSON.stringify(result.model, null, 2)}\n`);
    if (values.json) {
      const split_ = split === null ? null : { share: split, seed, trainRows: train.length, testRows: test.length };
      process.stdout.write(`${JSON.stringify({ ...result, crossValidation, split: split_, holdout }, null, 2)}\n`);
      return 0;
    }
    const out = [formatLearnResult(result), ''];
    if (crossValidation) out.push(`Cross-validated ROC AUC: ${formatCrossValidation(crossValidation)}`);
    if (holdout) out.push('', `Held out (${test.length} contacts not used for learning):`, formatAccuracyReport(holdout));
    if (values.out) out.push('', `Model written to ${values.out}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 0;
  } catch (error) {
    return exitOnAppError('analyze', error);
  }
}

function integer(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n)) throw new AppError('BAD_OPTION', `${flag} expects an integer, got "${text}"`);
  return n;
}

function share(text: string): number {
  const n = Number(text);
  if (!(n > 0 && n < 1)) throw new AppError('BAD_OPTION', `--split expects a share between 0 and 1 (e.g. 0.7), got "${text}"`);
  return n;
}
