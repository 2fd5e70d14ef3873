import { OTHER, SENTINEL, UNKNOWN, type ColumnProfile } from './column-profile.js';
import type { FeatureSpec } from './feature-spec.js';

/**
 * One cell of a column's partition by the chosen signals on it: every value of the column falls in exactly one
 * cell (a frequent level, another value, unknown; or a numeric interval between chosen thresholds, no number, the
 * sentinel). `holds[j]` says whether chosen signal j is true on the cell, `rows` how many learning rows it holds.
 */
export type Cell = { kind: 'level' | 'other' | 'unknown' | 'interval' | 'noNumber' | 'sentinel'; label: string; lo: number | null; hi: number | null; rows: number; holds: boolean[] };

/**
 * The cells of a column given the signals chosen on it. Rules written per cell (or per run of cells with equal
 * points) are disjoint by construction: no two rules of one column can both hold on a contact.
 */
export function columnCells(p: ColumnProfile, specs: readonly FeatureSpec[]): Cell[] {
  return p.kind === 'numeric' ? numericCells(p, specs) : setCells(p, specs);
}

function setCells(p: ColumnProfile, specs: readonly FeatureSpec[]): Cell[] {
  const holds = (code: number, label: string) =>
    specs.map((s) => {
      if (s.type !== 'set') return false;
      if (code === UNKNOWN) return s.unknown;
      if (code === OTHER) return s.other;
      return s.members.some((m) => m.toLowerCase() === label.toLowerCase());
    });
  const cell = (kind: Cell['kind'], code: number, label: string, rows: number): Cell => ({ kind, label, lo: null, hi: null, rows, holds: holds(code, label) });
  return [
    ...p.levels.map((l, i) => cell('level', i, l.label, l.rows)),
    cell('other', OTHER, 'another value', p.otherRows),
    cell('unknown', UNKNOWN, 'unknown', p.unknownRows),
  ];
}

function numericCells(p: ColumnProfile, specs: readonly FeatureSpec[]): Cell[] {
  const cuts = [...new Set(specs.flatMap((s) => (s.type === 'atLeast' ? [s.threshold] : [])))].sort((a, b) => a - b);
  const bounds = [null, ...cuts, null];
  const rows = new Array<number>(cuts.length + 1).fill(0);
  let sentinelRows = 0;
  p.numbers.forEach((x, i) => {
    if (p.codes[i] === SENTINEL) sentinelRows++;
    if (Number.isNaN(x)) return;
    let b = 0;
    while (b < cuts.length && x >= cuts[b]!) b++;
    rows[b]!++;
  });
  const cells: Cell[] = rows.map((n, b) => {
    const lo = bounds[b]!;
    const hi = bounds[b + 1]!;
    const holds = specs.map((s) => s.type === 'atLeast' && lo !== null && lo >= s.threshold);
    return { kind: 'interval', label: '', lo, hi, rows: n, holds };
  });
  cells.push({ kind: 'noNumber', label: 'no number', lo: null, hi: null, rows: p.unknownRows, holds: specs.map((s) => s.type === 'noNumber') });
  if (p.sentinel !== null) {
    cells.push({ kind: 'sentinel', label: String(p.sentinel), lo: null, hi: null, rows: sentinelRows, holds: specs.map((s) => s.type === 'equals') });
  }
  return cells;
}

/**
 * How many rules a column's chosen signals become at most: one per distinct pattern of signals (a categorical
 * column groups cells alike) or per run of alike intervals (a numeric one), less the lowest, which scores 0.
 */
export function cellRuleCount(p: ColumnProfile, specs: readonly FeatureSpec[]): number {
  const cells = columnCells(p, specs).filter((c) => c.rows > 0);
  const key = (c: Cell) => c.holds.map((h) => (h ? 1 : 0)).join('');
  if (p.kind !== 'numeric') return Math.max(0, new Set(cells.map(key)).size - 1);
  let runs = 0;
  let previous: string | null = null;
  for (const c of cells) {
    const k = `${c.kind}:${key(c)}`;
    if (c.kind !== 'interval' || k !== previous) runs++;
    previous = c.kind === 'interval' ? k : null;
  }
  return Math.max(0, runs - 1);
}
