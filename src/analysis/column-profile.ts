/**
 * How one column (contact property) of the labelled rows looks: its kind, its frequent levels or its numbers, and
 * a per-row code, so that candidate signals and the leakage guard read the data once.
 */
export type ColumnKind = 'categorical' | 'numeric' | 'identifier' | 'constant' | 'empty';

/** A frequent level of a categorical column. Levels compare case-insensitively and trimmed, like the engine. */
export type Level = { key: string; label: string; rows: number; positives: number };

export type ColumnProfile = {
  column: string;
  kind: ColumnKind;
  /** Frequent levels, most frequent first (categorical columns only; empty otherwise). */
  levels: Level[];
  /** Per row: a level index, UNKNOWN, or OTHER (a known value that is not a frequent level). */
  codes: Int32Array;
  /** Per row: the numeric value, NaN when unknown or not a number (numeric columns only). */
  numbers: Float64Array;
  unknownRows: number;
  unknownPositives: number;
  otherRows: number;
  otherPositives: number;
  /** Some known value holds a `;` (a multi-select export): conditions must compare whole values. */
  multiValued: boolean;
  /**
   * Numeric columns: an extreme value that stands for "never" or "none" (999 days, -1) rather than a quantity,
   * held by SENTINEL-coded rows (their `numbers` are NaN, so no numeric range contains them); null when none.
   */
  sentinel: number | null;
  /** Numeric columns: rows whose known value is not a number (read as unknown). */
  textRows: number;
};

/** Row codes for an unknown value and for a known value that is not a frequent level. */
export const UNKNOWN = -1;
export const OTHER = -2;
/** Row code of a numeric column's sentinel value. */
export const SENTINEL = -3;

/** A sentinel holds at least this share of a numeric column's numbers (see findSentinel). */
const SENTINEL_SHARE = 0.2;

/** The engine's idea of a number: a plain decimal, optionally signed, with an optional exponent. */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The number a (trimmed) value holds, or NaN: the engine's reading, so thresholds mean the same in both. */
export function parseNumber(value: string): number {
  return NUMBER.test(value) ? Number(value) : Number.NaN;
}

/** A value is unknown when absent, empty after trimming, or one of the unknown tokens (case-insensitive). */
export function isUnknown(value: string | null | undefined, unknownTokens: ReadonlySet<string>): boolean {
  const v = (value ?? '').trim();
  return v === '' || unknownTokens.has(v.toLowerCase());
}

/**
 * Profiles `values` (one per row) against `labels`. A column is numeric when at least 95% of its known values are
 * numbers and it has more than two distinct values (a 0/1 flag reads better as levels); an identifier when every
 * known value is distinct (text) or it is all-distinct integers (record numbers), since either would only memorise
 * rows; constant when it has a single known value and no unknowns. Levels rarer than `minLevelRows` become OTHER.
 */
export function profileColumn(
  column: string,
  values: readonly (string | null | undefined)[],
  labels: readonly boolean[],
  unknownTokens: ReadonlySet<string>,
  minLevelRows: number,
): ColumnProfile {
  const n = values.length;
  const trimmed = values.map((v) => (isUnknown(v, unknownTokens) ? null : (v ?? '').trim()));
  const counts = new Map<string, { rows: number; positives: number; spellings: Map<string, number> }>();
  let unknownRows = 0;
  let unknownPositives = 0;
  let numeric = 0;
  let integers = 0;
  trimmed.forEach((v, i) => {
    if (v === null) {
      unknownRows++;
      if (labels[i]) unknownPositives++;
      return;
    }
    const x = parseNumber(v);
    if (!Number.isNaN(x)) numeric++;
    if (Number.isInteger(x)) integers++;
    const key = v.toLowerCase();
    const entry = counts.get(key) ?? { rows: 0, positives: 0, spellings: new Map<string, number>() };
    entry.rows++;
    if (labels[i]) entry.positives++;
    entry.spellings.set(v, (entry.spellings.get(v) ?? 0) + 1);
    counts.set(key, entry);
  });
  const known = n - unknownRows;
  const distinct = counts.size;
  const isNumeric = known > 0 && numeric >= 0.95 * known && distinct > 2;
  let kind: ColumnKind = 'categorical';
  if (known === 0) kind = 'empty';
  else if (distinct <= 1 && unknownRows === 0) kind = 'constant';
  else if (known >= 20 && distinct === known && (!isNumeric || integers === known)) kind = 'identifier';
  else if (isNumeric) kind = 'numeric';

  const numbers = new Float64Array(n).fill(Number.NaN);
  let textRows = 0;
  if (kind === 'numeric') {
    trimmed.forEach((v, i) => {
      numbers[i] = v === null ? Number.NaN : parseNumber(v);
      if (v !== null && Number.isNaN(numbers[i]!)) textRows++;
    });
  }
  const sentinel = kind === 'numeric' ? findSentinel(numbers) : null;

  const levels: Level[] =
    kind === 'categorical'
      ? [...counts.entries()]
          .filter(([, e]) => e.rows >= minLevelRows)
          .map(([key, e]) => ({ key, label: mostFrequent(e.spellings), rows: e.rows, positives: e.positives }))
          .sort((a, b) => b.rows - a.rows || (a.key < b.key ? -1 : 1))
      : [];
  const index = new Map(levels.map((l, i) => [l.key, i]));
  const codes = new Int32Array(n);
  let otherRows = 0;
  let otherPositives = 0;
  trimmed.forEach((v, i) => {
    if (kind === 'numeric') {
      // A text cell in a numeric column ("n/a", "--") is read as unknown, like an empty one.
      const x = numbers[i]!;
      codes[i] = Number.isNaN(x) ? UNKNOWN : x === sentinel ? SENTINEL : 0;
      if (x === sentinel) numbers[i] = Number.NaN;
    } else if (v === null) codes[i] = UNKNOWN;
    else {
      const at = index.get(v.toLowerCase());
      codes[i] = at ?? OTHER;
      if (at === undefined) {
        otherRows++;
        if (labels[i]) otherPositives++;
      }
    }
  });
  if (kind === 'numeric') {
    unknownRows = 0;
    unknownPositives = 0;
    codes.forEach((c, i) => {
      if (c !== UNKNOWN) return;
      unknownRows++;
      if (labels[i]) unknownPositives++;
    });
  }
  const multiValued = [...counts.keys()].some((k) => k.includes(';'));
  return { column, kind, levels, codes, numbers, unknownRows, unknownPositives, otherRows, otherPositives, multiValued, sentinel, textRows };
}

/**
 * A sentinel: the largest value when it holds ≥ 20% of the numbers and is at least ten times the next largest
 * (999 days beside counts below 30), or the smallest when it is negative, holds ≥ 20% and every other value is ≥ 0
 * (-1 for "none"). Such a value is a category of its own: read as the top (or bottom) of a range it would make a
 * rule like "≥ 999" that means the opposite of what it says. A zero minimum is a real quantity, never a sentinel.
 */
function findSentinel(numbers: Float64Array): number | null {
  let count = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const x of numbers) {
    if (Number.isNaN(x)) continue;
    count++;
    if (x > max) max = x;
    if (x < min) min = x;
  }
  if (count === 0 || max === min) return null;
  let atMax = 0;
  let atMin = 0;
  let belowMax = -Infinity;
  let aboveMin = Infinity;
  for (const x of numbers) {
    if (Number.isNaN(x)) continue;
    if (x === max) atMax++;
    else if (x > belowMax) belowMax = x;
    if (x === min) atMin++;
    else if (x < aboveMin) aboveMin = x;
  }
  if (atMax >= SENTINEL_SHARE * count && max > 0 && max >= 10 * Math.max(belowMax, 1) && count - atMax > 0) return max;
  if (atMin >= SENTINEL_SHARE * count && min < 0 && aboveMin >= 0) return min;
  return null;
}

function mostFrequent(spellings: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [s, c] of spellings) if (c > bestCount || (c === bestCount && s < best)) [best, bestCount] = [s, c];
  return best;
}
