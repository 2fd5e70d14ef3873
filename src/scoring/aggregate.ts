import type { CompiledModel } from './compile-model.js';

/** Limits `x` to `[lo, hi]`. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Steps 2–5 of SCORING-MODEL.md "Evaluation" from the rules' uncapped values: each rule limited to
 * `[−maxPoints, maxPoints]`, each group's sum to `[−max, max]`, each dimension's sum to `[0, max]`, then the
 * weighted total. Writes `[fit, engagement, total]`, unrounded, into `out`.
 */
export function aggregate(c: CompiledModel, values: Float64Array, out: Float64Array): void {
  const { maxPoints, groupEnd, groupMax, groupDimension, dimensionMax, fitWeight, engagementWeight } = c.layout;
  let fit = 0;
  let engagement = 0;
  let r = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g] as number;
    let sum = 0;
    for (; r < end; r++) {
      const cap = maxPoints[r] as number;
      sum += clamp(values[r] as number, -cap, cap);
    }
    const max = groupMax[g] as number;
    if (groupDimension[g] === 0) fit += clamp(sum, -max, max);
    else engagement += clamp(sum, -max, max);
  }
  out[0] = fit = clamp(fit, 0, dimensionMax[0] as number);
  out[1] = engagement = clamp(engagement, 0, dimensionMax[1] as number);
  out[2] = fitWeight * fit + engagementWeight * engagement;
}
