import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { analyzeRows, describeProvenance } from '../analysis/analyze-rows.js';
import { formatAnalysis } from '../analysis/format-analysis.js';
import { AppError } from '../errors.js';
import { csvNotes, labelledRows, parseOutcome, provenancePath, readCsv } from './csv-source.js';
import { exitOnAppError } from './exit-on-app-error.js';
import { parseCommandArgs } from './parse-command-args.js';

const HELP = `Usage: lead-scoring analyze --csv FILE --outcome COLUMN=VALUE [options]

Learns a points model from past conversions in a CSV (one row per contact; columns are property names as written
in the header), reports its cross-validated accuracy and any leaky columns, and writes the model. A model that
does not beat its baselines (guessing, its best single rule) on rows it did not learn from is not written: the
reason goes to stderr and the exit status is 2. Rows the CSV reader cannot use are skipped and listed by line.

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
  --out MODEL.json      write the model there, and its provenance (source fingerprint, split, rows learnt
                        from) beside it as MODEL.provenance.json, which evaluate reads
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

/**
 * `lead-scoring analyze`: see HELP. Exit 0 when a model was learnt (and written), 2 when the data gave no model
 * worth using (the reason on stderr, no model written), 1 on bad input.
 */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('analyze', HELP, argv, OPTIONS, ['csv', 'outcome']);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  try {
    const seed = integer(values.seed ?? '1', '--seed');
    const split = values.split === null || values.split === undefined ? null : share(values.split);
    const folds = integer(values.folds ?? '5', '--folds');
    const table = await readCsv(values.csv);
    for (const note of csvNotes(table, values.csv)) process.stderr.write(`${note}\n`);
    const rows = labelledRows(table, parseOutcome(values.outcome));
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
    const source = { name: basename(values.csv), sha256: table.sha256, rows: rows.length, skippedLines: table.skippedLines.length };
    const analysis = analyzeRows({ rows, options, split, folds, source, outcome: values.outcome });
    const { learnt, verdict, provenance } = analysis;
    const model = learnt && verdict.ok ? { ...learnt.model, description: describeProvenance(provenance, analysis.crossValidation) } : null;
    if (model && values.out) {
      await writeFile(values.out, `${JSON.stringify(model, null, 2)}\n`);
      await writeFile(provenancePath(values.out), `${JSON.stringify(provenance)}\n`);
    }
    if (values.json) {
      const { learntRows: _rows, ...shown } = provenance;
      const doc = { ...learnt, model, written: Boolean(model && values.out), verdict, crossValidation: analysis.crossValidation, split: shown.split, holdout: analysis.holdout, provenance: shown };
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else process.stdout.write(`${formatAnalysis(analysis, model ? values.out : undefined)}\n`);
    if (!verdict.ok) {
      process.stderr.write(`lead-scoring analyze: no model ${values.out ? 'written' : 'suggested'}: ${verdict.reason}\n`);
      return 2;
    }
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
