import type { BreakdownItem, CapAdjustment } from './result-schema.js';

/**
 * What each matched rule actually counts for once the group and dimension caps have cut the sums: the points the
 * `p_reason` property lists (SCORING-MODEL.md "Output": the top contributors).
 *
 * A cap takes the excess from the side that overshot: a group or dimension above its maximum scales its positive
 * rules down, one below its floor (−max for a group, 0 for a dimension) scales its negative rules down, each in
 * proportion to its points, group caps first, then the dimension's. So the counted points of a dimension add up
 * to its capped (unrounded) score, and a rule whose points were floored away entirely counts 0.
 */
export function countedPoints(breakdown: readonly BreakdownItem[], adjustments: readonly CapAdjustment[]): number[] {
  const values = breakdown.map((item) => item.unrounded);
  const groupCaps = adjustments.filter((a) => a.groupId !== null);
  const dimensionCaps = adjustments.filter((a) => a.groupId === null);
  for (const cap of [...groupCaps, ...dimensionCaps]) {
    const members = breakdown.flatMap((item, i) => (item.dimension === cap.dimension && (cap.groupId === null || item.groupId === cap.groupId) ? [i] : []));
    shrink(values, members, cap.before - cap.after);
  }
  return values;
}

/** Removes `cut` (> 0: from the positive values, < 0: from the negative ones) in proportion to each value. */
function shrink(values: number[], members: number[], cut: number): void {
  const side = members.filter((i) => (cut > 0 ? (values[i] as number) > 0 : (values[i] as number) < 0));
  const sideSum = side.reduce((sum, i) => sum + (values[i] as number), 0);
  const factor = sideSum === 0 ? 0 : Math.max(0, 1 - cut / sideSum);
  for (const i of side) values[i] = (values[i] as number) * factor;
}
