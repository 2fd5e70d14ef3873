import { parse } from 'csv-parse/sync';

/** A row csv-parse could not use, with the line (1-based, in the file) where it starts and why. */
export type SkippedLine = { line: number; reason: string };

/** A CSV text as read: its header, one record per usable data row, and what was set aside. */
export type CsvTable = {
  header: string[];
  rows: Record<string, string>[];
  delimiter: string;
  skippedLines: SkippedLine[];
  /** Header names that appeared more than once, with the names they were given ("Email" → "Email (2)"). */
  renamed: { from: string; to: string }[];
};

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV text: whichever of comma, semicolon and tab occurs most often in the header line outside
 * quotes (a European spreadsheet export uses semicolons; a tab-separated export tabs). Ties go to the comma.
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Parses a CSV text with csv-parse: delimiter detected (see detectDelimiter), byte-order mark dropped, CRLF or LF,
 * quoted fields with delimiters, quotes ("") and line breaks. A row with more or fewer cells than the header, or
 * one csv-parse cannot read (an unclosed quote), is skipped and listed with its line number instead of failing the
 * file. Duplicate header names are renamed deterministically ("Email", "Email (2)"); an empty name becomes
 * "Column N". Blank lines are ignored.
 */
export function parseCsvText(text: string): CsvTable {
  const delimiter = detectDelimiter(text);
  const skippedLines: SkippedLine[] = [];
  const records: { line: number; cells: string[] }[] = [];
  // Line numbers are counted from each record's raw text, since csv-parse's own counter is the parser's position.
  let line = 1;
  const advance = (raw: string | undefined): number => {
    const at = line;
    line += ((raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0) + 1;
    return at;
  };
  parse(text, {
    bom: true,
    delimiter,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    // With `raw`, csv-parse hands on_record { raw, record } (its types describe the plain record).
    on_record: (entry: unknown) => {
      const { raw, record } = entry as { raw: string; record: string[] };
      const at = advance(raw);
      if (!(record.length === 1 && record[0]!.trim() === '')) records.push({ line: at, cells: record });
      return null;
    },
    on_skip: (err, raw) => {
      skippedLines.push({ line: advance(raw), reason: err?.message.replace(/ at line \d+.*$/, '') ?? 'unreadable' });
      return undefined;
    },
  });
  const [first, ...data] = records;
  if (!first) return { header: [], rows: [], delimiter, skippedLines, renamed: [] };
  const { header, renamed } = uniqueNames(first.cells.map((h, i) => h.trim() || `Column ${i + 1}`));
  const rows: Record<string, string>[] = [];
  for (const { line: at, cells } of data) {
    // A trailing empty cell (a line ending in the delimiter) is not a reason to drop the row.
    const fitted = cells.length === header.length + 1 && cells.at(-1)!.trim() === '' ? cells.slice(0, -1) : cells;
    if (fitted.length !== header.length) {
      skippedLines.push({ line: at, reason: `${cells.length} cells where the header has ${header.length}` });
      continue;
    }
    rows.push(Object.fromEntries(header.map((h, i) => [h, fitted[i]!])));
  }
  skippedLines.sort((a, b) => a.line - b.line);
  return { header, rows, delimiter, skippedLines, renamed };
}

function uniqueNames(names: string[]): { header: string[]; renamed: { from: string; to: string }[] } {
  const taken = new Set<string>();
  const renamed: { from: string; to: string }[] = [];
  const header = names.map((name) => {
    let out = name;
    for (let k = 2; taken.has(out.toLowerCase()); k++) out = `${name} (${k})`;
    taken.add(out.toLowerCase());
    if (out !== name) renamed.push({ from: name, to: out });
    return out;
  });
  return { header, renamed };
}
