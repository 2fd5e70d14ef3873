import { parseArgs } from 'node:util';
import { countRules, readModel } from './read-model.js';

const USAGE = `Usage: lead-scoring validate MODEL.json

Checks a scoring model file. Exit 0 and "valid: <id> (<n> rules)" when it is valid; exit 1 with every error
by JSON path (e.g. fit.groups[1].rules[0].when.op: unknown operator "equals") when it is not.`;

/** `lead-scoring validate MODEL.json` (SCORING-MODEL.md "Command-line form"). */
export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    process.stderr.write(`lead-scoring validate: ${(error as Error).message}\n\n${USAGE}\n`);
    return 1;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [path, ...extra] = parsed.positionals;
  if (!path || extra.length > 0) {
    process.stderr.write(`lead-scoring validate: expected exactly one model file\n\n${USAGE}\n`);
    return 1;
  }
  const loaded = await readModel(path);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  const n = countRules(loaded.model);
  process.stdout.write(`valid: ${loaded.model.id} (${n} rule${n === 1 ? '' : 's'})\n`);
  return 0;
}
