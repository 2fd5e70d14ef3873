import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { LabelledContact } from '../analysis/labelled-contact.js';
import { AppError, ValidationError } from '../errors.js';
import { parseCsvText, type CsvTable } from './csv-table.js';

export type { CsvTable } from './csv-table.js';

/** A CSV file as read, with the SHA-256 of its bytes (the source fingerprint a learnt model records). */
export type CsvFile = CsvTable & { path: string; sha256: string };

/**
 * Reads a CSV export (a HubSpot contact export or any table with a header row) with parseCsvText: any of comma,
 * semicolon or tab, a byte-order mark, CRLF, quoted fields; unusable rows are skipped and listed by line.
 */
export async function readCsv(path: string): Promise<CsvFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new AppError('CSV_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const table = parseCsvText(bytes.toString('utf8'));
  if (table.header.length === 0) throw new AppError('CSV_INVALID', `${path} has no header row`);
  return { ...table, path, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The provenance file written beside a model file: `model.json` → `model.provenance.json`. */
export function provenancePath(modelPath: string): string {
  return modelPath.replace(/(\.json)?$/i, '.provenance.json');
}

/** What reading set aside, one line each, for stderr: skipped rows by line number and renamed header names. */
export function csvNotes(table: CsvTable, path: string): string[] {
  const shown = table.skippedLines.slice(0, 20).map((s) => `${path}:${s.line}: row skipped: ${s.reason}`);
  const more = table.skippedLines.length - shown.length;
  return [
    ...shown,
    ...(more > 0 ? [`${path}: ${more} more rows skipped`] : []),
    ...table.renamed.map((r) => `${path}: column "${r.from}" appears more than once; this one is read as "${r.to}"`),
  ];
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
