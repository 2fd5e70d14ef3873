import type { Model, Rule } from './model-types.js';
import type { ModelDiff, RuleChange, ThresholdChange } from './report-schemas.js';

type Placed = { rule: Rule; dimension: 'fit' | 'engagement'; groupId: string; groupLabel: string };

/**
 * What would change if the suggested model replaced the current one, rule by rule: rules are paired by id
 * first, then (among those left) by an identical condition (for an event rule, the same event type and `where`),
 * so a learnt rule that re-discovers a hand-written one shows as a change of points, not as one removed and one
 * added. Also stage thresholds and grade bands by label, and the dimension weights. Current rules come first in
 * model order, then the added ones in the suggested model's order.
 */
export function diffModels(current: Model, suggested: Model): ModelDiff {
  const cur = placed(current);
  const sug = placed(suggested);
  const pairOf = new Map<Placed, { other: Placed; by: 'id' | 'condition' }>();
  const taken = new Set<Placed>();
  const sugById = new Map(sug.map((s) => [s.rule.id, s]));
  for (const c of cur) {
    const s = sugById.get(c.rule.id);
    if (s) {
      pairOf.set(c, { other: s, by: 'id' });
      taken.add(s);
    }
  }
  for (const c of cur) {
    if (pairOf.has(c)) continue;
    const key = conditionKey(c.rule);
    const s = sug.find((x) => !taken.has(x) && conditionKey(x.rule) === key);
    if (s) {
      pairOf.set(c, { other: s, by: 'condition' });
      taken.add(s);
    }
  }

  const rules: RuleChange[] = cur.map((c) => {
    const pair = pairOf.get(c);
    if (!pair) return change('removed', null, c, c.rule.points, null, []);
    const s = pair.other;
    const details = ruleDetails(c, s, pair.by);
    const kind = details.length || c.rule.points !== s.rule.points ? 'changed' : 'same';
    return change(kind, pair.by, s, c.rule.points, s.rule.points, details);
  });
  for (const s of sug) if (!taken.has(s)) rules.push(change('added', null, s, null, s.rule.points, []));

  const weights = {
    current: { ...current.total },
    suggested: { ...suggested.total },
    changed: current.total.fitWeight !== suggested.total.fitWeight || current.total.engagementWeight !== suggested.total.engagementWeight,
  };
  const count = (k: RuleChange['change']) => rules.filter((r) => r.change === k).length;
  return {
    rules,
    stages: thresholds(current.stages, suggested.stages, (s) => s.label),
    grades: {
      fit: thresholds(current.grades.fit, suggested.grades.fit, (b) => b.grade),
      engagement: thresholds(current.grades.engagement, suggested.grades.engagement, (b) => b.grade),
    },
    weights,
    summary: { added: count('added'), removed: count('removed'), changed: count('changed'), same: count('same') },
  };
}

function placed(model: Model): Placed[] {
  return (['fit', 'engagement'] as const).flatMap((dimension) =>
    model[dimension].groups.flatMap((g) => g.rules.map((rule) => ({ rule, dimension, groupId: g.id, groupLabel: g.label }))),
  );
}

function change(kind: RuleChange['change'], by: RuleChange['matchedBy'], where: Placed, currentPoints: number | null, suggestedPoints: number | null, details: string[]): RuleChange {
  return {
    change: kind, matchedBy: by, dimension: where.dimension, groupLabel: where.groupLabel, ruleId: where.rule.id,
    label: where.rule.label, currentPoints, suggestedPoints, details,
  };
}

/** What differs between two paired rules besides their points. */
function ruleDetails(c: Placed, s: Placed, by: 'id' | 'condition'): string[] {
  const out: string[] = [];
  if (c.rule.label !== s.rule.label) out.push(`label was "${c.rule.label}"`);
  if (c.dimension !== s.dimension) out.push(`moved from ${c.dimension} to ${s.dimension}`);
  else if (c.groupId !== s.groupId) out.push(`moved from group "${c.groupLabel}" to "${s.groupLabel}"`);
  if (by === 'id' && conditionKey(c.rule) !== conditionKey(s.rule)) out.push('condition changed');
  if ('event' in c.rule && 'event' in s.rule) {
    for (const field of ['withinDays', 'maxPoints'] as const) {
      if (c.rule[field] !== s.rule[field]) out.push(`${field} ${c.rule[field] ?? 'none'} → ${s.rule[field] ?? 'none'}`);
    }
    if (canonical(c.rule.decay ?? null) !== canonical(s.rule.decay ?? null)) out.push('decay changed');
  }
  return out;
}

/** What a rule tests, independent of its id, label and points. */
function conditionKey(rule: Rule): string {
  return 'when' in rule ? `when:${canonical(rule.when)}` : `event:${canonical(rule.event)}`;
}

/** JSON with object keys sorted, so equal conditions written in a different key order compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function thresholds<T extends { min: number }>(current: readonly T[], suggested: readonly T[], label: (t: T) => string): ThresholdChange[] {
  const out: ThresholdChange[] = current.map((c) => {
    const s = suggested.find((x) => label(x) === label(c));
    if (!s) return { label: label(c), current: c.min, suggested: null, change: 'removed' };
    return { label: label(c), current: c.min, suggested: s.min, change: c.min === s.min ? 'same' : 'changed' };
  });
  for (const s of suggested) {
    if (!current.some((c) => label(c) === label(s))) out.push({ label: label(s), current: null, suggested: s.min, change: 'added' });
  }
  return out;
}
