import type { Dimension } from './analysis-options.js';
import type { Feature } from './candidate-features.js';
import { cellParts } from './cell-parts.js';
import type { ColumnProfile } from './column-profile.js';
import { specColumn, specCondition, specLabel, MAX_LABEL, type FeatureSpec } from './feature-spec.js';
import { idMaker } from './model-ids.js';
import type { Group, ModelInput, Rule } from './model-types.js';

/** A chosen signal with its fitted log-odds coefficient. */
export type WeightedFeature = { feature: Feature; coef: number };

/**
 * What each rule of a built model stands for: its dimension, label, points (per event for an event rule) and the
 * log-odds its condition adds above the lowest-scoring values of its column (event rules: the fitted coefficient).
 */
export type BuiltRule = {
  ruleId: string;
  groupId: string;
  dimension: Dimension;
  label: string;
  points: number;
  coef: number;
  /** The rule tests only whether the property is filled in: a data-completeness signal, not a trait of the lead. */
  completeness: boolean;
};

/** A rule before scaling: a condition of one column (or an event signal) and its log-odds above the column's floor. */
type Part = { spec: FeatureSpec; coef: number; column: string; dimension: Dimension };

/**
 * Turns a fitted logistic model into a points model (without grades and stages, which are proposed from its
 * scores afterwards). The signals chosen on one column become rules on the cells of that column (cell-parts.ts),
 * so the rules of a column never overlap, every rule has positive points, and the score ranks contacts as the fit
 * does. Points are log-odds scaled so the best reachable score of each dimension is 100, rounded; the weights make
 * the total proportional to the fitted log-odds. One group per column, labelled with `nameOf` (the portal's
 * property label, where it has one).
 */
export function buildModel(
  chosen: readonly WeightedFeature[],
  meta: { id: string; name: string; propertyPrefix: string; description?: string },
  unknownTokens: readonly string[],
  dimensionOf: (column: string) => Dimension,
  profiles: ReadonlyMap<string, ColumnProfile>,
  nameOf: (column: string) => string = (c) => c,
): { model: ModelInput; rules: BuiltRule[] } {
  const parts: Part[] = [];
  const byColumn = new Map<string, WeightedFeature[]>();
  for (const c of chosen) {
    const column = specColumn(c.feature.spec);
    if (c.feature.spec.type !== 'events') byColumn.set(column, [...(byColumn.get(column) ?? []), c]);
    else if (c.coef > 0) parts.push({ spec: c.feature.spec, coef: c.coef, column, dimension: dimensionOf(column) });
  }
  for (const [column, members] of byColumn) {
    const profile = profiles.get(column);
    if (!profile) throw new Error(`no profile for column ${column}`);
    parts.push(...cellParts(profile, members).map((part) => ({ ...part, column, dimension: dimensionOf(column) })));
  }
  const columns = [...new Set(parts.map((o) => o.column))];
  // The parts of a property column are disjoint, so its reach is its largest part; event signals add up.
  const reach = new Map(
    columns.map((col) => {
      const own = parts.filter((o) => o.column === col);
      return [col, own[0]!.spec.type === 'events' ? own.reduce((s, o) => s + o.coef, 0) : Math.max(...own.map((o) => o.coef))];
    }),
  );
  const reachOf = (d: Dimension): number => columns.filter((c) => dimensionOf(c) === d).reduce((s, c) => s + reach.get(c)!, 0);
  const scale = { fit: reachOf('fit'), engagement: reachOf('engagement') };
  const ids = idMaker();
  const rules: BuiltRule[] = [];
  const groups: Record<Dimension, Group[]> = { fit: [], engagement: [] };
  // Strongest columns first, so the model reads in order of importance.
  for (const column of [...columns].sort((a, b) => reach.get(b)! - reach.get(a)!)) {
    const members = parts.filter((o) => o.column === column).sort((a, b) => b.coef - a.coef);
    const dimension = members[0]!.dimension;
    const name = members[0]!.spec.type === 'events' ? column : nameOf(column);
    const groupId = ids(column);
    const groupRules: Rule[] = [];
    for (const o of members) {
      const points = Math.round((o.coef * 100) / scale[dimension]);
      if (points === 0) continue;
      const label = specLabel(o.spec, false, name);
      const ruleId = ids(label);
      const rule = toRule(o.spec, ruleId, label, points, unknownTokens);
      groupRules.push(rule);
      rules.push({ ruleId, groupId, dimension, label, points: rule.points, coef: o.coef, completeness: isCompleteness(o.spec) });
    }
    if (groupRules.length) groups[dimension].push({ id: groupId, label: name.slice(0, MAX_LABEL), rules: groupRules });
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

function isCompleteness(spec: FeatureSpec): boolean {
  if (spec.type === 'noNumber') return true;
  if (spec.type !== 'set') return false;
  // "is unknown" (no level, not other), or "is known" (every level and other, not unknown).
  const everyLevel = spec.members.length === spec.frequent.length;
  return (spec.unknown && spec.members.length === 0 && !spec.other) || (!spec.unknown && spec.other && everyLevel);
}

function toRule(spec: FeatureSpec, id: string, label: string, points: number, unknownTokens: readonly string[]): Rule {
  if (spec.type === 'events') {
    // The signal counts events up to `cap`: so many points per event, at most cap × that.
    const each = Math.max(1, Math.round(points / spec.cap));
    return { id, label, points: each, event: { type: spec.eventType }, withinDays: spec.withinDays, maxPoints: each * spec.cap };
  }
  return { id, label, points, when: specCondition(spec, false, unknownTokens) };
}
