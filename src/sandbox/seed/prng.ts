import { seededRandom } from '../../analysis/seeded-random.js';

/**
 * A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed string). Each contact gets its own stream
 * (`seed:row`), so contact i's synthesized data does not depend on how many contacts are seeded.
 */
export type Rng = {
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRng(seed: string): Rng {
  const next = seededRandom(hash(seed));
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    weighted: (items) => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of items) { r -= w; if (r < 0) return v; }
      return items[items.length - 1]![0];
    },
  };
  return rng;
}
