import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { KnownProperty } from '../scoring/index.js';
import { countRules, formatWarnings, jsonErrorWhere, plural, readModel } from './read-model.js';

const USAGE = `Usage: lead-scoring validate MODEL.json [--properties PROPERTIES.json]

Checks a scoring model file. Exit 0 and "valid: <id> (<n> rules)" when it is valid, followed by its warnings
(what the model allows but is probably a mistake: a grade band or stage that can never apply, a rule on an event
type nobody sends); exit 1 with every error by JSON path (e.g. fit.groups[1].rules[0].when.op: unknown operator
"equals") when it is not.
  --properties   the portal's contact properties, as HubSpot's GET /crm/v3/properties/contacts answers them
                 ({"results": [{"name", "type", …}]}): also warns of rules on properties the portal does not
                 have, and of numeric operators on text properties`;

/** HubSpot's property list (or just its `results` array); only `name` and `type` matter here. */
const PropertiesFileSchema = z.union([
  z.object({ results: z.array(z.looseObject({ name: z.string(), type: z.string() })) }),
  z.array(z.looseObject({ name: z.string(), type: z.string() })),
]);

/** `lead-scoring validate MODEL.json` (SCORING-MODEL.md "Command-line form"). */
export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, properties: { type: 'string' } } });
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
  let properties: KnownProperty[] | undefined;
  if (parsed.values.properties !== undefined) {
    const read = await readProperties(parsed.values.properties);
    if (typeof read === 'string') {
      process.stderr.write(`lead-scoring validate: ${read}\n`);
      return 1;
    }
    properties = read;
  }
  const loaded = await readModel(path, properties ? { properties } : undefined);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 1;
  }
  const { warnings } = loaded;
  const counts = [plural(countRules(loaded.model), 'rule'), ...(warnings.length ? [plural(warnings.length, 'warning')] : [])].join(', ');
  process.stdout.write(`valid: ${loaded.model.id} (${counts})\n${warnings.length ? `${formatWarnings(warnings)}\n` : ''}`);
  return 0;
}

/** The properties file, or what is wrong with it. */
async function readProperties(file: string): Promise<KnownProperty[] | string> {
  let json: unknown;
  let text = '';
  try {
    text = await readFile(file, 'utf8');
    json = JSON.parse(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return `cannot read ${file}: no such file`;
    return text ? `${file} is not valid JSON: ${jsonErrorWhere(text, error)}` : `cannot read ${file}: ${(error as Error).message}`;
  }
  const parsed = PropertiesFileSchema.safeParse(json);
  if (!parsed.success) return `${file}: expected HubSpot's property list, {"results": [{"name", "type", …}]}`;
  return (Array.isArray(parsed.data) ? parsed.data : parsed.data.results).map((p) => ({ name: p.name, type: p.type }));
}
