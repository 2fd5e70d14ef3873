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
  aggregateWith(c, values, out, null);
}

/**
 * Fixes, for `nextChangeAt`'s probes, the value of every group none of whose rules moves (`c.scratch.movingRules`):
 * it is computed once here from `values` instead of at every probe.
 */
export function freezeStaticGroups(c: CompiledModel, values: Float64Array): void {
  const s = c.scratch;
  const { maxPoints, groupEnd, groupMax, ruleGroup } = c.layout;
  s.groupMoving.fill(0);
  for (let k = 0; k < s.movingCount; k++) s.groupMoving[ruleGroup[s.movingRules[k] as number] as number] = 1;
  for (let g = 0; g < groupEnd.length; g++) {
    if (s.groupMoving[g] === 1) continue; // recomputed at every probe
    let sum = 0;
    for (let r = g === 0 ? 0 : (groupEnd[g - 1] as number); r < (groupEnd[g] as number); r++) {
      const cap = maxPoints[r] as number;
      sum += clamp(values[r] as number, -cap, cap);
    }
    s.groupValue[g] = clamp(sum, -(groupMax[g] as number), groupMax[g] as number);
  }
}

/** {@link aggregate} of probed values, taking the groups {@link freezeStaticGroups} fixed as they are. */
export function aggregateProbe(c: CompiledModel, values: Float64Array, out: Float64Array): void {
  aggregateWith(c, values, out, c.scratch.groupMoving);
}

/** The same arithmetic in the same order either way, so a frozen group adds exactly what recomputing it would. */
function aggregateWith(c: CompiledModel, values: Float64Array, out: Float64Array, moving: Uint8Array | null): void {
  const { maxPoints, groupEnd, groupMax, groupDimension, dimensionMax, fitWeight, engagementWeight } = c.layout;
  const frozen = c.scratch.groupValue;
  let fit = 0;
  let engagement = 0;
  let r = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    const end = groupEnd[g] as number;
    let value: number;
    if (moving !== null && moving[g] === 0) {
      value = frozen[g] as number;
      r = end;
    } else {
      let sum = 0;
      for (; r < end; r++) {
        const cap = maxPoints[r] as number;
        sum += clamp(values[r] as number, -cap, cap);
      }
      const max = groupMax[g] as number;
      value = clamp(sum, -max, max);
    }
    if (groupDimension[g] === 0) fit += value;
    else engagement += value;
  }
  out[0] = fit = clamp(fit, 0, dimensionMax[0] as number);
  out[1] = engagement = clamp(engagement, 0, dimensionMax[1] as number);
  out[2] = fitWeight * fit + engagementWeight * engagement;
}
