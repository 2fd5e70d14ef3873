import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { LabelledContact } from '../analysis/labelled-contact.js';
import { AppError, ValidationError } from '../errors.js';

/** A CSV file as read: its header (property names as written) and one record per data row. */
export type CsvTable = { header: string[]; rows: Record<string, string>[] };

/**
 * Reads a CSV export (a HubSpot contact export or any table with a header row). A byte-order mark is dropped,
 * blank lines are skipped; a malformed file fails with the line csv-parse stopped at.
 */
export async function readCsv(path: string): Promise<CsvTable> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new AppError('CSV_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
  } catch (cause) {
    throw new AppError('CSV_INVALID', `${path} is not valid CSV: ${(cause as Error).message}`, { cause });
  }
  const [header, ...data] = records;
  if (!header || header.length === 0) throw new AppError('CSV_INVALID', `${path} has no header row`);
  const names = header.map((h) => h.trim());
  const duplicate = names.find((h, i) => names.indexOf(h) !== i);
  if (duplicate !== undefined) throw new AppError('CSV_INVALID', `${path}: column "${duplicate}" appears twice in the header`);
  const rows = data.map((cells) => Object.fromEntries(names.map((h, i) => [h, cells[i] ?? ''])));
  return { header: names, rows };
}

/** The outcome: rows whose `column` equals `value` (trimmed, case-insensitive) converted. */
export type Outcome = { column: string; value: string };

/** Parses `COLUMN=VALUE` (split at the first `=`, so the value may contain `=`). */
export function parseOutcome(spec: string): Outcome {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1) {
    throw new ValidationError([{ path: 'outcome', message: `expected COLUMN=VALUE (e.g. "Converted=1"), got "${spec}"` }]);
  }
  return { column: spec.slice(0, at).trim(), value: spec.slice(at + 1).trim() };
}

/**
 * Turns CSV records into labelled contacts: the outcome column becomes `converted` (and is removed from the
 * properties, so it can never be a signal); every other column is a property, named as in the header. Fails
 * when the outcome column is missing or no row has the outcome value (a typo would otherwise learn from nothing).
 */
export function labelledRows(table: CsvTable, outcome: Outcome): LabelledContact[] {
  const column = table.header.find((h) => h.toLowerCase() === outcome.column.toLowerCase());
  if (column === undefined) {
    throw new ValidationError([
      { path: 'outcome', message: `no column "${outcome.column}" in the CSV; columns: ${table.header.join(', ')}` },
    ]);
  }
  const wanted = outcome.value.toLowerCase();
  const rows = table.rows.map((record) => {
    const { [column]: value, ...properties } = record;
    return { properties, events: [], converted: (value ?? '').trim().toLowerCase() === wanted };
  });
  if (!rows.some((r) => r.converted)) {
    const seen = [...new Set(table.rows.map((r) => (r[column] ?? '').trim()))].slice(0, 10);
    throw new ValidationError([
      { path: 'outcome', message: `no row has ${column} = "${outcome.value}"; values seen: ${seen.map((v) => `"${v}"`).join(', ')}` },
    ]);
  }
  return rows;
}
