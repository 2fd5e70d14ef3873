import type { Dimension } from './analysis-options.js';
import type { Feature } from './candidate-features.js';
import { specColumn, specCondition, specLabel, MAX_LABEL } from './feature-spec.js';
import { idMaker } from './model-ids.js';
import type { Group, ModelInput, Rule } from './model-types.js';

/** A chosen signal with its fitted log-odds coefficient. */
export type WeightedFeature = { feature: Feature; coef: number };

/**
 * What each rule of a built model stands for: its dimension, label, points (per event for an event rule) and the
 * fitted log-odds coefficient of its signal (negative when the rule scores the signal's complement).
 */
export type BuiltRule = { ruleId: string; groupId: string; dimension: Dimension; label: string; points: number; coef: number };

type Oriented = { feature: Feature; negate: boolean; coef: number; column: string; dimension: Dimension };

/**
 * Turns a fitted logistic model into a points model (without grades and stages, which are proposed from its
 * scores afterwards). Every rule gets positive points: a signal with a negative coefficient is negated (its
 * complement scores instead), which ranks contacts identically and keeps each dimension above 0 where the engine
 * would otherwise clamp it. Points are log-odds scaled so the best reachable score of each dimension is 100 (the
 * best per column, since rules on one column share a value), rounded to integers; the weights then make the total
 * proportional to the fitted log-odds, so it ranks contacts as the fit does. One group per column.
 */
export function buildModel(
  chosen: readonly WeightedFeature[],
  meta: { id: string; name: string; propertyPrefix: string; description?: string },
  unknownTokens: readonly string[],
  dimensionOf: (column: string) => Dimension,
): { model: ModelInput; rules: BuiltRule[] } {
  const oriented: Oriented[] = chosen
    .filter((c) => c.coef !== 0 && (c.coef > 0 || c.feature.spec.type !== 'events'))
    .map((c) => {
      const column = specColumn(c.feature.spec);
      return { feature: c.feature, negate: c.coef < 0, coef: Math.abs(c.coef), column, dimension: dimensionOf(column) };
    });
  const columns = [...new Set(oriented.map((o) => o.column))];
  const reach = new Map(columns.map((col) => [col, columnReach(oriented.filter((o) => o.column === col))]));
  const reachOf = (d: Dimension): number => columns.filter((c) => dimensionOf(c) === d).reduce((s, c) => s + reach.get(c)!, 0);
  const scale = { fit: reachOf('fit'), engagement: reachOf('engagement') };
  const ids = idMaker();
  const rules: BuiltRule[] = [];
  const groups: Record<Dimension, Group[]> = { fit: [], engagement: [] };
  // Strongest columns first, so the model reads in order of importance.
  for (const column of [...columns].sort((a, b) => reach.get(b)! - reach.get(a)!)) {
    const members = oriented.filter((o) => o.column === column).sort((a, b) => b.coef - a.coef);
    const dimension = members[0]!.dimension;
    const groupId = ids(column);
    const groupRules: Rule[] = [];
    for (const o of members) {
      const points = Math.round((o.coef * 100) / scale[dimension]);
      if (points === 0) continue;
      const label = specLabel(o.feature.spec, o.negate);
      const ruleId = ids(label);
      const rule = toRule(o, ruleId, label, points, unknownTokens);
      groupRules.push(rule);
      rules.push({ ruleId, groupId, dimension, label, points: rule.points, coef: o.negate ? -o.coef : o.coef });
    }
    if (groupRules.length) groups[dimension].push({ id: groupId, label: column.slice(0, MAX_LABEL), rules: groupRules });
  }
  const totalReach = scale.fit + scale.engagement;
  const fitWeight = totalReach > 0 ? Math.round((100 * scale.fit) / totalReach) / 100 : 0.5;
  const model: ModelInput = {
    id: meta.id,
    name: meta.name,
    ...(meta.description ? { description: meta.description } : {}),
    propertyPrefix: meta.propertyPrefix,
    fit: { max: 100, groups: groups.fit },
    engagement: { max: 100, groups: groups.engagement },
    total: { fitWeight, engagementWeight: Math.round(100 * (1 - fitWeight)) / 100 },
  };
  return { model, rules };
}

/** The most a column's rules add up to on any row (they read one value, so not all can hold at once). */
function columnReach(members: readonly Oriented[]): number {
  const n = members[0]!.feature.x.length;
  let best = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const o of members) s += o.coef * (o.negate ? 1 - o.feature.x[i]! : o.feature.x[i]!);
    if (s > best) best = s;
  }
  return best;
}

function toRule(o: Oriented, id: string, label: string, points: number, unknownTokens: readonly string[]): Rule {
  const spec = o.feature.spec;
  if (spec.type === 'events') {
    // The signal counts events up to `cap`: so many points per event, at most cap × that.
    const each = Math.max(1, Math.round(points / spec.cap));
    return { id, label, points: each, event: { type: spec.eventType }, withinDays: spec.withinDays, maxPoints: each * spec.cap };
  }
  return { id, label, points, when: specCondition(spec, o.negate, unknownTokens) };
}
