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
  for (let d = 0; d < 2; d++) {
    const dim = c.dimensions[d as 0 | 1];
    let sum = 0;
    for (const group of dim.groups) {
      let g = 0;
      for (const rule of group.rules) g += clamp(values[rule.index] as number, -rule.maxPoints, rule.maxPoints);
      sum += clamp(g, -group.max, group.max);
    }
    out[d] = clamp(sum, 0, dim.max);
  }
  const { fitWeight, engagementWeight } = c.model.total;
  out[2] = fitWeight * (out[0] as number) + engagementWeight * (out[1] as number);
}
