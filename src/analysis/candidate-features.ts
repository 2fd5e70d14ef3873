import { OTHER, SENTINEL, UNKNOWN, type ColumnProfile } from './column-profile.js';
import type { FeatureSpec } from './feature-spec.js';

/**
 * A candidate signal with its value on every row (0/1, or a fraction for capped event counts). Single precision:
 * the values are 0, 1 or small fractions, and a large portal has hundreds of candidates per contact.
 */
export type Feature = { spec: FeatureSpec; x: Float32Array };

/** One part of a categorical column: a frequent level, the unknowns, or the other (rare) values. */
type Unit = { code: number; label: string; rows: number; positives: number };

function units(p: ColumnProfile): Unit[] {
  const out: Unit[] = p.levels.map((l, i) => ({ code: i, label: l.label, rows: l.rows, positives: l.positives }));
  if (p.unknownRows > 0) out.push({ code: UNKNOWN, label: 'unknown', rows: p.unknownRows, positives: p.unknownPositives });
  if (p.otherRows > 0) out.push({ code: OTHER, label: 'other', rows: p.otherRows, positives: p.otherPositives });
  return out;
}

function setSpec(p: ColumnProfile, chosen: Unit[]): FeatureSpec {
  return {
    type: 'set',
    column: p.column,
    members: chosen.filter((u) => u.code >= 0).map((u) => u.label),
    unknown: chosen.some((u) => u.code === UNKNOWN),
    other: chosen.some((u) => u.code === OTHER),
    frequent: p.levels.map((l) => l.label),
    ...(p.multiValued ? { wholeValues: true } : {}),
  };
}

function setValues(p: ColumnProfile, chosen: Unit[]): Float32Array {
  const codes = new Set(chosen.map((u) => u.code));
  return Float32Array.from(p.codes, (c) => (codes.has(c) ? 1 : 0));
}

/**
 * Candidate signals of a categorical column: each part alone (a level, unknown, other), and the sets made of the
 * k parts with the highest conversion rate. For a yes/no outcome the best two-way split of a categorical variable
 * is one of those prefixes (Breiman et al., CART, 1984), so one rule can carry several levels that convert alike.
 */
export function categoricalFeatures(p: ColumnProfile): Feature[] {
  const parts = units(p);
  const out: Feature[] = parts.map((u) => ({ spec: setSpec(p, [u]), x: setValues(p, [u]) }));
  const byRate = [...parts].sort((a, b) => b.positives / b.rows - a.positives / a.rows || b.rows - a.rows);
  for (let k = 2; k <= byRate.length - 2; k++) {
    const chosen = byRate.slice(0, k);
    out.push({ spec: setSpec(p, chosen), x: setValues(p, chosen) });
  }
  return out;
}

/**
 * Cut points of a numeric column: the distinct `bins`-quantiles of its numbers (the sentinel left out), above its
 * minimum (a cut at the minimum would hold every number), to 4 significant digits so that a label shows the
 * threshold the condition tests.
 */
export function numericCuts(p: ColumnProfile, bins: number): number[] {
  const known = Float64Array.from([...p.numbers].filter((x) => !Number.isNaN(x))).sort();
  if (known.length === 0) return [];
  const cuts = new Set<number>();
  for (let q = 1; q < bins; q++) {
    const v = Number(known[Math.floor((q * known.length) / bins)]!.toPrecision(4));
    if (v > known[0]!) cuts.add(v);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The spec of "no number" on a numeric column (unknown, or a text cell when the column has some). */
export function noNumberSpec(p: ColumnProfile): FeatureSpec {
  return { type: 'noNumber', column: p.column, orText: p.textRows > 0 };
}

/**
 * Candidate signals of a numeric column: "≥ cut" for each cut point (several of them add up to a step function,
 * which is how points rules score a number; the sentinel is in none of them), "no number" when some rows have
 * none, and the sentinel value on its own.
 */
export function numericFeatures(p: ColumnProfile, bins: number): Feature[] {
  const out: Feature[] = numericCuts(p, bins).map((threshold) => ({
    spec: { type: 'atLeast', column: p.column, threshold },
    x: Float32Array.from(p.numbers, (x) => (x >= threshold ? 1 : 0)),
  }));
  if (p.unknownRows > 0) out.push({ spec: noNumberSpec(p), x: Float32Array.from(p.codes, (c) => (c === UNKNOWN ? 1 : 0)) });
  if (p.sentinel !== null) {
    const spec: FeatureSpec = { type: 'equals', column: p.column, value: p.sentinel };
    out.push({ spec, x: Float32Array.from(p.codes, (c) => (c === SENTINEL ? 1 : 0)) });
  }
  return out;
}

/**
 * Drops candidates held by fewer than `minRows` rows or missing from fewer than `minRows` (no evidence either
 * way), and duplicates: a candidate equal to an earlier one or to its complement adds nothing, since a rule can
 * be negated.
 */
export function usableFeatures(features: readonly Feature[], minRows: number): Feature[] {
  const seen = new Map<string, Float32Array[]>();
  const out: Feature[] = [];
  for (const f of features) {
    let support = 0;
    for (const v of f.x) if (v > 0) support++;
    if (support < minRows || f.x.length - support < minRows) continue;
    // A signal and its complement are the same candidate: key both on the rows where the value is positive.
    const complement = Float32Array.from(f.x, (v) => (v > 0 ? 0 : 1));
    if ([f.x, complement].some((x) => seen.get(fingerprint(x))?.some((y) => same(x, y)))) continue;
    const key = fingerprint(f.x);
    seen.set(key, [...(seen.get(key) ?? []), f.x]);
    out.push(f);
  }
  return out;
}

/** FNV-1a over the values: a cheap bucket key, confirmed by a full comparison. */
function fingerprint(x: Float32Array): string {
  let h = 0x811c9dc5;
  const bytes = new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 0).toString(36);
}

function same(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
