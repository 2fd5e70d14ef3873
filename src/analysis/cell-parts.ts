import type { WeightedFeature } from './build-model.js';
import { noNumberSpec } from './candidate-features.js';
import { columnCells } from './column-cells.js';
import type { ColumnProfile } from './column-profile.js';
import type { FeatureSpec } from './feature-spec.js';

/** A rule's condition on one column and its log-odds above the column's floor (always > 0). */
export type CellPart = { spec: FeatureSpec; coef: number };

/**
 * A column's chosen signals as disjoint parts. Each cell of the column (column-cells.ts) scores the sum of the
 * coefficients of the signals true on it; the lowest score over cells that hold rows is the column's floor and
 * scores 0, as do cells no learning row fell in; cells with the same score above it become one rule (a set of levels, or a run of adjacent numeric
 * intervals). The parts rank contacts exactly as the signals do, their conditions never overlap, and every
 * part's points are positive.
 */
export function cellParts(p: ColumnProfile, members: readonly WeightedFeature[]): CellPart[] {
  const cells = columnCells(p, members.map((m) => m.feature.spec));
  const score = cells.map((c) => c.holds.reduce((s, h, j) => s + (h ? members[j]!.coef : 0), 0));
  const held = score.filter((_, k) => cells[k]!.rows > 0);
  const floor = Math.min(...(held.length ? held : score));
  // Scores within 1e-9 of each other are one group: rounding noise must not split a set in two.
  const key = (x: number) => Math.round((x - floor) * 1e9);
  const out: CellPart[] = [];
  if (p.kind !== 'numeric') {
    for (const k of [...new Set(score.map(key))].filter((k) => k > 0)) {
      const group = cells.filter((_, c) => key(score[c]!) === k);
      if (group.every((c) => c.rows === 0)) continue; // values never seen while learning earn nothing
      const spec: FeatureSpec = {
        type: 'set',
        column: p.column,
        members: group.filter((c) => c.kind === 'level').map((c) => c.label),
        unknown: group.some((c) => c.kind === 'unknown'),
        other: group.some((c) => c.kind === 'other'),
        frequent: p.levels.map((l) => l.label),
        ...(p.multiValued ? { wholeValues: true } : {}),
      };
      out.push({ spec, coef: k / 1e9 });
    }
    return out;
  }
  // A high sentinel caps the top interval ("from 5 to under 999"), a low one bounds the bottom ("above -1").
  const high = p.sentinel !== null && p.sentinel > 0 ? p.sentinel : null;
  const low = p.sentinel !== null && p.sentinel < 0 ? p.sentinel : null;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c]!;
    const k = key(score[c]!);
    if (cell.kind === 'noNumber' || cell.kind === 'sentinel') {
      const spec: FeatureSpec = cell.kind === 'noNumber' ? noNumberSpec(p) : { type: 'equals', column: p.column, value: p.sentinel! };
      if (k > 0 && cell.rows > 0) out.push({ spec, coef: k / 1e9 });
      continue;
    }
    let last = c;
    while (cells[last + 1]?.kind === 'interval' && key(score[last + 1]!) === k) last++;
    if (k > 0 && cells.slice(c, last + 1).some((x) => x.rows > 0)) {
      const lo = cell.lo;
      const hi = cells[last]!.hi ?? high;
      out.push({ spec: { type: 'range', column: p.column, lo, hi, ...(lo === null && low !== null ? { above: low } : {}) }, coef: k / 1e9 });
    }
    c = last;
  }
  return out;
}
