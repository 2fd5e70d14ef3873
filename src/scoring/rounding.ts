/**
 * Rounding half away from zero (SCORING-MODEL.md "Evaluation" 6). Values within 1e-9 of a half count as the
 * half, so floating-point noise (18.15 × 10 = 181.49999999999997) never flips a result a person computed by hand.
 */
const EPSILON = 1e-9;

/** Rounds to an integer, half away from zero: 2.5 → 3, −2.5 → −3. Never returns −0. */
export function roundScore(x: number): number {
  const r = x < 0 ? -Math.floor(-x + 0.5 + EPSILON) : Math.floor(x + 0.5 + EPSILON);
  return r === 0 ? 0 : r;
}

/** Rounds to one decimal, half away from zero: 0.25 → 0.3, −0.25 → −0.3. */
export function roundTenth(x: number): number {
  return roundScore(x * 10) / 10;
}
