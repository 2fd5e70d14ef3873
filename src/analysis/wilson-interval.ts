import type { Proportion } from './accuracy-report-schema.js';


/**
 * The Wilson score interval for `successes` out of `n`. Chosen over the normal approximation because it stays
 * inside [0, 1] and behaves at small n and at rates near 0 or 1, which is exactly where rare levels and
 * near-perfect (often leaky) signals sit. `n = 0` gives rate 0 and the uninformative interval [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Proportion {
  if (n <= 0) return { successes, n: 0, rate: 0, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { successes, n, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
