import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LeadRowSchema, type LeadRow } from './lead-row.js';

/** The lead dataset shipped in the repository (see data/README.md). */
export const DEFAULT_LEADS_CSV = fileURLToPath(new URL('../../../data/leads-x-education.csv', import.meta.url));

const cache = new Map<string, { rows: LeadRow[]; complete: boolean }>();

/**
 * Reads and validates the dataset's first `limit` rows (all by default). Parsing stops at `limit`, so a small
 * seed does not pay for the whole file; results are cached per process (the file is read-only).
 */
export function readLeads(path = DEFAULT_LEADS_CSV, limit = Infinity): LeadRow[] {
  const cached = cache.get(path);
  if (cached && (cached.complete || cached.rows.length >= limit)) return cached.rows.slice(0, limit);
  const records = parse(readFileSync(path), {
    columns: true, skip_empty_lines: true, bom: true, ...(Number.isFinite(limit) ? { to: limit } : {}),
  }) as unknown[];
  const rows = records.map((r, i) => {
    const parsed = LeadRowSchema.safeParse(r);
    if (!parsed.success) throw new Error(`${path}: row ${i + 2} is not a lead row: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });
  if (rows.length === 0) throw new Error(`${path}: no rows`);
  cache.set(path, { rows, complete: rows.length < limit });
  return rows;
}
