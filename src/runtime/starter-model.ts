import { readFileSync } from 'node:fs';

/** The starter model a new portal gets on install (examples/starter-model.json, resolved from the repo root). */
export function loadStarterModel(): unknown {
  return JSON.parse(readFileSync(new URL('../../examples/starter-model.json', import.meta.url), 'utf8'));
}
