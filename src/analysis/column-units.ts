import { noNumberSpec, numericCuts } from './candidate-features.js';
import { SENTINEL, UNKNOWN, type ColumnProfile } from './column-profile.js';
import type { FeatureSpec } from './feature-spec.js';
import { upperBound } from './upper-bound.js';

/** One part of a column that every row falls into at most once: a level, a numeric range, unknown, other. */
export type ColumnUnit = { spec: FeatureSpec; rows: number; positives: number };

/**
 * Splits a column into disjoint parts: frequent levels, "other" and "unknown" for a categorical column; the
 * ranges between the `bins`-quantile cut points, "no number" and the sentinel for a numeric one. `unitOf[i]` is row i's part,
 * or -1 (a non-numeric value in a numeric column). Per-part conversion is what the signal report and the leakage
 * guard read.
 */
export function columnUnits(
  p: ColumnProfile,
  labels: readonly boolean[],
  bins: number,
): { units: ColumnUnit[]; unitOf: Int32Array } {
  const specs: FeatureSpec[] = [];
  const unitOf = new Int32Array(p.codes.length).fill(-1);
  const frequent = p.levels.map((l) => l.label);
  const set = (members: string[], unknown: boolean, other: boolean): FeatureSpec => ({
    type: 'set',
    column: p.column,
    members,
    unknown,
    other,
    frequent,
    ...(p.multiValued ? { wholeValues: true } : {}),
  });
  if (p.kind === 'numeric') {
    const cuts = numericCuts(p, bins);
    const bounds = [null, ...cuts, null];
    for (let b = 0; b + 1 < bounds.length; b++) specs.push({ type: 'range', column: p.column, lo: bounds[b]!, hi: bounds[b + 1]! });
    p.numbers.forEach((x, i) => {
      if (!Number.isNaN(x)) unitOf[i] = upperBound(cuts, x);
    });
    specs.push(noNumberSpec(p));
    const unknownUnit = specs.length - 1;
    if (p.sentinel !== null) specs.push({ type: 'equals', column: p.column, value: p.sentinel });
    p.codes.forEach((c, i) => {
      if (c === UNKNOWN) unitOf[i] = unknownUnit;
      else if (c === SENTINEL) unitOf[i] = unknownUnit + 1;
    });
  } else {
    p.levels.forEach((l) => specs.push(set([l.label], false, false)));
    specs.push(set([], true, false), set([], false, true));
    p.codes.forEach((c, i) => (unitOf[i] = c >= 0 ? c : c === UNKNOWN ? p.levels.length : p.levels.length + 1));
  }
  const rows = new Array<number>(specs.length).fill(0);
  const positives = new Array<number>(specs.length).fill(0);
  unitOf.forEach((u, i) => {
    if (u < 0) return;
    rows[u]!++;
    if (labels[i]) positives[u]!++;
  });
  const units = specs.map((spec, u) => ({ spec, rows: rows[u]!, positives: positives[u]! }));
  // Keep indices stable for unitOf; callers skip empty parts.
  return { units, unitOf };
}
