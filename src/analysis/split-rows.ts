import { seededRandom, shuffledIndices } from './seeded-random.js';

/**
 * A seeded, stratified split: `fraction` of the converters and `fraction` of the others (rounded) go to `train`,
 * the rest to `test`, each kept in input order. Stratifying keeps the base rate equal on both sides, so held-out
 * figures are not moved by the luck of the draw.
 */
export function splitRows<T extends { converted: boolean }>(rows: readonly T[], fraction: number, seed: number): { train: T[]; test: T[] } {
  const inTrain = new Uint8Array(rows.length);
  const random = seededRandom(seed);
  for (const outcome of [true, false]) {
    const group = rows.flatMap((r, i) => (r.converted === outcome ? [i] : []));
    const order = shuffledIndices(group.length, random);
    const take = Math.round(fraction * group.length);
    for (let k = 0; k < take; k++) inTrain[group[order[k]!]!] = 1;
  }
  return { train: rows.filter((_, i) => inTrain[i]), test: rows.filter((_, i) => !inTrain[i]) };
}

/** Seeded stratified k-fold assignment: `fold[i]` in 0..k-1, converters and others dealt round-robin. */
export function foldsOf(rows: readonly { converted: boolean }[], k: number, seed: number): Int32Array {
  const fold = new Int32Array(rows.length);
  const random = seededRandom(seed);
  for (const outcome of [true, false]) {
    const group = rows.flatMap((r, i) => (r.converted === outcome ? [i] : []));
    shuffledIndices(group.length, random).forEach((g, position) => (fold[group[g]!] = position % k));
  }
  return fold;
}
