import { clamp } from './aggregate.js';
import type { CompiledModel, CompiledRule } from './compile-model.js';
import { DecayCode } from './decay.js';
import type { BreakdownItem, CapAdjustment } from './result-schema.js';
import { roundTenth } from './rounding.js';

/**
 * The explanation of a score (SCORING-MODEL.md "Explanation"), built from the rule values `computeRuleValues`
 * left in `c.scratch`: one item per rule that matched, in model order, and one adjustment wherever a group `max`
 * or the dimension's `[0, max]` cut the sum.
 *
 * Arithmetic the card can show: within a dimension, Σ items' `unrounded` + Σ adjustments' `unrounded` equals the
 * dimension's unrounded score (up to floating-point addition, ~1e-12), and the reported score is that rounded
 * half away from zero. The one-decimal `points` are each rounded on their own, so their sum can differ from the
 * integer score by the rounding of the parts (at most 0.05 per line plus 0.5 for the final rounding).
 * A rule's own `maxPoints` cut is not an adjustment: `points` is already after it, and the item's
 * `matched.beforeCap` shows the sum before it.
 */
export function explain(c: CompiledModel): { breakdown: BreakdownItem[]; adjustments: CapAdjustment[] } {
  const breakdown: BreakdownItem[] = [];
  const adjustments: CapAdjustment[] = [];
  const s = c.scratch;
  for (const dim of c.dimensions) {
    let sum = 0;
    for (const group of dim.groups) {
      let groupSum = 0;
      for (const rule of group.rules) {
        if ((s.count[rule.index] as number) === 0) continue;
        const capped = clamp(s.value[rule.index] as number, -rule.maxPoints, rule.maxPoints);
        breakdown.push(item(c, dim.name, rule, capped));
        groupSum += capped;
      }
      const groupValue = clamp(groupSum, -group.max, group.max);
      if (groupValue !== groupSum) adjustments.push(adjustment(dim.name, group.id, group.label, groupSum, groupValue));
      sum += groupValue;
    }
    const score = clamp(sum, 0, dim.max);
    if (score !== sum) adjustments.push(adjustment(dim.name, null, dim.label, sum, score));
  }
  return { breakdown, adjustments };
}

function item(c: CompiledModel, dimension: 'fit' | 'engagement', rule: CompiledRule, capped: number): BreakdownItem {
  const s = c.scratch;
  const i = rule.index;
  const points = roundTenth(capped);
  // Object literals with a fixed shape, not spreads: this runs for every matched rule of every contact.
  if (rule.eventType === null) {
    const values: Record<string, string | null> = {};
    for (const slot of rule.reads) values[c.properties.names[slot] as string] = c.properties.text(slot);
    return {
      dimension,
      groupId: rule.groupId,
      groupLabel: rule.groupLabel,
      ruleId: rule.id,
      label: rule.label,
      points,
      unrounded: capped,
      undecayed: null,
      matched: { kind: 'property', values },
    };
  }
  const undecayed = rule.decay === DecayCode.None ? points : roundTenth(clamp(s.undecayed[i] as number, -rule.maxPoints, rule.maxPoints));
  return {
    dimension,
    groupId: rule.groupId,
    groupLabel: rule.groupLabel,
    ruleId: rule.id,
    label: rule.label,
    points,
    unrounded: capped,
    undecayed: undecayed === points ? null : undecayed,
    matched: { kind: 'events', count: s.count[i] as number, newestAt: s.newest[i] as number, beforeCap: roundTenth(s.value[i] as number) },
  };
}

function adjustment(dimension: 'fit' | 'engagement', groupId: string | null, label: string, before: number, after: number): CapAdjustment {
  return { dimension, groupId, label, before, after, points: roundTenth(after - before), unrounded: after - before };
}
