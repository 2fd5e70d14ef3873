import { evaluateModel } from '../analysis/evaluate-model.js';
import { formatAccuracyReport } from '../analysis/format-report.js';
import { AppError } from '../errors.js';
import { labelledRows, parseOutcome, readCsv } from './csv-source.js';
import { exitOnAppError } from './exit-on-app-error.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readModel } from './read-model.js';

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
} as const;

/** `lead-scoring evaluate`: see HELP. Exit 0 on success, 1 on bad input (an invalid model lists every error). */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs('evaluate', HELP, argv, OPTIONS, ['model', 'csv', 'outcome']);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  try {
    const now = values.now === undefined ? Date.now() : Date.parse(values.now);
    if (Number.isNaN(now)) throw new AppError('BAD_OPTION', `--now expects an ISO 8601 time, got "${values.now}"`);
    const loaded = await readModel(values.model);
    if (!loaded.ok) throw new AppError('MODEL_UNUSABLE', loaded.message);
    const model = loaded.model;
    const rows = labelledRows(await readCsv(values.csv), parseOutcome(values.outcome));
    const report = evaluateModel(model, rows, now);
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatAccuracyReport(report)}\n`);
    return 0;
  } catch (error) {
    return exitOnAppError('evaluate', error);
  }
}
