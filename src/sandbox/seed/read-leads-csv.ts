import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LeadRowSchema, type LeadRow } from './lead-row.js';

/** The lead dataset shipped in the repository (see data/README.md). */
export const DEFAULT_LEADS_CSV = fileURLToPath(new URL('../../../data/leads-x-education.csv', import.meta.url));

const cache = new Map<string, LeadRow[]>();

/** Reads and validates the dataset once per process (it is read-only). */
export function readLeads(path = DEFAULT_LEADS_CSV): LeadRow[] {
  const cached = cache.get(path);
  if (cached) return cached;
  const records = parse(readFileSync(path), { columns: true, skip_empty_lines: true, bom: true }) as unknown[];
  const rows = records.map((r, i) => {
    const parsed = LeadRowSchema.safeParse(r);
    if (!parsed.success) throw new Error(`${path}: row ${i + 2} is not a lead row: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  if (rows.length === 0) throw new Error(`${path}: no rows`);
  cache.set(path, rows);
  return rows;
}
