import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { evaluateModel } from '../analysis/evaluate-model.js';
import { formatAccuracyReport } from '../analysis/format-report.js';
import { AppError } from '../errors.js';
import { formatModelErrors, parseModel, type Model } from '../scoring/index.js';
import { labelledRows, parseOutcome, readCsv } from './csv-source.js';

const HELP = `Usage: lead-scoring evaluate --model MODEL.json --csv FILE --outcome COLUMN=VALUE [--json]

Measures how well a model (learnt or hand-written) ranks and flags contacts whose outcome is known: ROC AUC with
its 95% interval, lift by decile, conversion per score band (calibration), precision and recall at each stage.

  --model MODEL.json    the model to evaluate
  --csv FILE            the labelled contacts (columns are property names as written in the header)
  --outcome COL=VALUE   a row converted when COL equals VALUE (trimmed, case-insensitive)
  --now ISO             score as of this time (default: now; matters for date conditions and events)
  --json                print the report as JSON`;

const OPTIONS = {
  model: { type: 'string' },
  csv: { type: 'string' },
  outcome: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `lead-scoring evaluate`: see HELP. Exit 0 on success, 1 on bad input (an invalid model lists every error). */
export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS });
  } catch (error) {
    process.stderr.write(`lead-scoring evaluate: ${(error as Error).message}\n\n${HELP}\n`);
    return 1;
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (!values.model || !values.csv || !values.outcome) {
    process.stderr.write(`lead-scoring evaluate: --model, --csv and --outcome are required\n\n${HELP}\n`);
    return 1;
  }
  try {
    const now = values.now === undefined ? Date.now() : Date.parse(values.now);
    if (Number.isNaN(now)) throw new AppError('BAD_OPTION', `--now expects an ISO 8601 time, got "${values.now}"`);
    const model = await readModel(values.model);
    const rows = labelledRows(await readCsv(values.csv), parseOutcome(values.outcome));
    const report = evaluateModel(model, rows, now);
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAccuracyReport(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      process.stderr.write(`lead-scoring evaluate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function readModel(path: string): Promise<Model> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (cause) {
    throw new AppError('MODEL_UNREADABLE', `cannot read ${path} as JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = parseModel(doc);
  if (!parsed.ok) throw new AppError('MODEL_INVALID', `${path} is not a valid model:\n${formatModelErrors(parsed.errors)}`);
  return parsed.model;
}
