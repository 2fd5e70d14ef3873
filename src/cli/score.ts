import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { compileModel, evaluate, parseDate } from '../scoring/index.js';
import { formatIssues } from '../scoring/format-issues.js';
import { ContactLineSchema, toContactInput } from './contact-line.js';
import { parseCommandArgs } from './parse-command-args.js';
import { formatWarnings, readModel } from './read-model.js';

const USAGE = `Usage: lead-scoring score --model MODEL.json --contacts FILE.jsonl [--now ISO]

Scores each contact of a JSON Lines file (one {"id", "properties", "events"} per line) and prints one JSON line
per contact, in input order: {"id","fit","engagement","total","grade","stage","breakdown","adjustments"}, or
{"id","inScope":false} for a contact outside the model's scope.
  --now   the time to score at (ISO 8601 or epoch ms); default: the current time
A bad line is reported on stderr with its line number and skipped; the others are still scored, and the exit
status is then 2. Exit 1: the model or the contacts file cannot be used. The model's warnings (see validate)
are printed on stderr and do not stop scoring.`;

/** `lead-scoring score` (SCORING-MODEL.md "Command-line form"). Streams the input, so any file size works. */
export async function run(argv: string[]): Promise<number> {
  const options = { model: { type: 'string' }, contacts: { type: 'string' }, now: { type: 'string' } } as const;
  const parsed = parseCommandArgs('score', USAGE, argv, options, ['model', 'contacts']);
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  // The CLI, not the engine, reads the clock.
  const now = values.now === undefined ? Date.now() : parseDate(values.now);
  if (Number.isNaN(now)) return fail(`--now ${JSON.stringify(values.now)} is not a time: use ISO 8601 (2025-06-02T09:00:00Z) or epoch ms`);
  const loaded = await readModel(values.model);
  if (!loaded.ok) return fail(loaded.message);
  // Warnings never stop scoring (SCORING-MODEL.md "Errors and warnings"); they go to stderr beside the results.
  if (loaded.warnings.length) process.stderr.write(`${formatWarnings(loaded.warnings)}\n`);
  const compiled = compileModel(loaded.model);

  const input = createReadStream(values.contacts, 'utf8');
  const opened = await Promise.race([once(input, 'open').then(() => null), once(input, 'error').then(([e]) => e as Error)]);
  if (opened) return fail(`cannot read ${values.contacts}: ${(opened as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : opened.message}`);

  let bad = 0;
  let lineNo = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo++;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      bad++;
      process.stderr.write(`line ${lineNo}: not valid JSON: ${(error as Error).message}\n`);
      continue;
    }
    const parsed = ContactLineSchema.safeParse(json);
    if (!parsed.success) {
      bad++;
      const why = formatIssues(parsed.error.issues, json).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
      process.stderr.write(`line ${lineNo}: ${why.join('; ')}\n`);
      continue;
    }
    const { id } = parsed.data;
    const result = evaluate(compiled, toContactInput(parsed.data), now);
    const out = result.inScope
      ? { id, fit: result.fit, engagement: result.engagement, total: result.total, grade: result.grade, stage: result.stage, breakdown: result.breakdown, adjustments: result.adjustments }
      : { id, inScope: false };
    if (!process.stdout.write(`${JSON.stringify(out)}\n`)) await once(process.stdout, 'drain');
  }
  if (bad > 0) process.stderr.write(`${bad} bad line${bad === 1 ? '' : 's'} skipped\n`);
  return bad > 0 ? 2 : 0;
}

function fail(message: string): number {
  process.stderr.write(`lead-scoring score: ${message}\n`);
  return 1;
}
