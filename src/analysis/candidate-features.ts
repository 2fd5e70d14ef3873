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
  // Codes run from SENTINEL (-3) up; a table indexed by code + 3 beats a Set lookup per row.
  const member = new Uint8Array(p.levels.length + 3);
  for (const u of chosen) member[u.code + 3] = 1;
  const x = new Float32Array(p.codes.length);
  for (let i = 0; i < x.length; i++) x[i] = member[p.codes[i]! + 3]!;
  return x;
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
  const cached = cutsCache.get(p);
  if (cached?.bins === bins) return cached.cuts;
  const cuts = computeCuts(p, bins);
  cutsCache.set(p, { bins, cuts });
  return cuts;
}

/** Cut points per profile: the candidates, the signal report and the leakage guard all ask for them. */
const cutsCache = new WeakMap<ColumnProfile, { bins: number; cuts: number[] }>();

function computeCuts(p: ColumnProfile, bins: number): number[] {
  let count = 0;
  for (const x of p.numbers) if (!Number.isNaN(x)) count++;
  const known = new Float64Array(count);
  let k = 0;
  for (const x of p.numbers) if (!Number.isNaN(x)) known[k++] = x;
  known.sort();
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
  const n = p.numbers.length;
  const out: Feature[] = numericCuts(p, bins).map((threshold) => {
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = p.numbers[i]! >= threshold ? 1 : 0;
    return { spec: { type: 'atLeast', column: p.column, threshold }, x };
  });
  const coded = (code: number): Float32Array => {
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = p.codes[i] === code ? 1 : 0;
    return x;
  };
  if (p.unknownRows > 0) out.push({ spec: noNumberSpec(p), x: coded(UNKNOWN) });
  if (p.sentinel !== null) out.push({ spec: { type: 'equals', column: p.column, value: p.sentinel }, x: coded(SENTINEL) });
  return out;
}

/**
 * Drops candidates held by fewer than `minRows` rows or missing from fewer than `minRows` (no evidence either
 * way), and duplicates: a candidate equal to an earlier one or, for a yes/no signal, to its complement adds
 * nothing, since a rule can be negated.
 */
export function usableFeatures(features: readonly Feature[], minRows: number): Feature[] {
  const seen = new Map<number, Feature[]>();
  const out: Feature[] = [];
  for (const f of features) {
    let support = 0;
    let binary = true;
    for (const v of f.x) {
      if (v > 0) support++;
      if (v !== 0 && v !== 1) binary = false;
    }
    if (support < minRows || f.x.length - support < minRows) continue;
    // A yes/no signal is keyed in its canonical orientation (row 0 false), so it and its complement collide.
    const flip = binary && f.x[0]! > 0;
    const key = fingerprint(f.x, flip);
    const bucket = seen.get(key) ?? [];
    if (bucket.some((g) => same(f.x, g.x, flip, binary && g.x[0]! > 0))) continue;
    bucket.push(f);
    seen.set(key, bucket);
    out.push(f);
  }
  return out;
}

/** FNV-1a over the values (flipped to 1 − v when `flip`): a cheap bucket key, confirmed by a full comparison. */
function fingerprint(x: Float32Array, flip: boolean): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < x.length; i++) {
    const v = flip ? 1 - x[i]! : x[i]!;
    h = Math.imul(h ^ (v === 0 ? 0 : v === 1 ? 1 : Math.round(v * 1e6) + 2), 0x01000193);
  }
  return h >>> 0;
}

function same(a: Float32Array, b: Float32Array, flipA: boolean, flipB: boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if ((flipA ? 1 - a[i]! : a[i]!) !== (flipB ? 1 - b[i]! : b[i]!)) return false;
  return true;
}
