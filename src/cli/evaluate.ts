import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { evaluateModel } from '../analysis/evaluate-model.js';
import type { LabelledContact } from '../analysis/labelled-contact.js';
import { overlapCount } from '../analysis/row-fingerprint.js';
import { formatAccuracyReport } from '../analysis/format-report.js';
import { AppError } from '../errors.js';
import { csvNotes, labelledRows, parseOutcome, provenancePath, readCsv } from './csv-source.js';
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
  --provenance FILE     the model's provenance (default: MODEL.provenance.json beside it, when present): says
                        how many of the rows measured are rows the model learnt from
  --json                print the report as JSON`;

const OPTIONS = {
  model: { type: 'string' },
  csv: { type: 'string' },
  outcome: { type: 'string' },
  now: { type: 'string' },
  provenance: { type: 'string' },
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
    const table = await readCsv(values.csv);
    for (const note of csvNotes(table, values.csv)) process.stderr.write(`${note}\n`);
    const rows = labelledRows(table, parseOutcome(values.outcome));
    const report = evaluateModel(model, rows, now);
    const overlap = await learntOverlap(values.provenance ?? provenancePath(values.model), rows, values.provenance !== undefined);
    const note = overlap === null ? null : overlapNote(overlap, rows.length);
    // The JSON report keeps its schema on stdout; the note goes to stderr there.
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (note) process.stderr.write(`${note}\n`);
    } else process.stdout.write(`${[...(note ? [note, ''] : []), formatAccuracyReport(report)].join('\n')}\n`);
    return 0;
  } catch (error) {
    return exitOnAppError('evaluate', error);
  }
}

/**
 * How many of `rows` the model learnt from, by the row fingerprints in its provenance file; null when there is no
 * such file (a hand-written model). A file named explicitly must exist and parse.
 */
async function learntOverlap(path: string, rows: readonly LabelledContact[], required: boolean): Promise<number | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if (!required && (cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppError('PROVENANCE_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const parsed = ProvenanceFileSchema.safeParse(parseJson(text));
  if (!parsed.success) throw new AppError('PROVENANCE_INVALID', `${path} is not a model provenance file (expected learntRows)`);
  return overlapCount(rows, new Set(parsed.data.learntRows));
}

const ProvenanceFileSchema = z.object({ learntRows: z.array(z.string()) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function overlapNote(overlap: number, rows: number): string | null {
  if (overlap === 0) return 'None of these rows is a row the model learnt from: the figures are out of sample.';
  const share = ((100 * overlap) / rows).toFixed(1);
  return `Caution: ${overlap} of these ${rows} rows (${share}%) are rows the model learnt from; figures on them are in-sample and flatter it.`;
}
