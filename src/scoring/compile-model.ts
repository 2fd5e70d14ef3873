import { compileCondition, type DateLeaf, type Predicate } from './conditions.js';
import { compileDecay, DecayCode } from './decay.js';
import type { Model, Rule } from './model-schema.js';
import { EventReader, PropertyReader } from './readers.js';
import { createScratch, type Scratch } from './scratch.js';

/** A rule ready to evaluate. Caps absent in the model are ±Infinity here, so the hot loop never branches on them. */
export type CompiledRule = {
  index: number;
  dimension: 0 | 1;
  id: string;
  label: string;
  groupId: string;
  groupLabel: string;
  points: number;
  maxPoints: number;
  /** Property rule: its condition and the slots of the properties it reads (for the breakdown). */
  when: Predicate<number> | null;
  reads: number[];
  /** Event rule: type, `where`, its date leaves, `withinDays` (Infinity when unset) and decay. */
  eventType: string | null;
  where: Predicate<string> | null;
  whereDates: DateLeaf<string>[];
  withinDays: number;
  decay: DecayCode;
  decayDays: number;
  /**
   * The event pass skips an event of known age when `age > skipAfter` (past `withinDays` or a window) or
   * `age >= skipFrom` (a linear decay at 0): two comparisons instead of a switch, false for NaN as before.
   */
  skipAfter: number;
  skipFrom: number;
};

export type CompiledGroup = { id: string; label: string; max: number; rules: CompiledRule[] };
export type CompiledDimension = { name: 'fit' | 'engagement'; label: string; max: number; groups: CompiledGroup[] };

/**
 * Rules are stored group by group in model order, so group `g` owns rules `groupEnd[g − 1]` to `groupEnd[g] − 1`.
 */
export type Layout = {
  maxPoints: Float64Array;
  groupEnd: Int32Array;
  /** The group of each rule. */
  ruleGroup: Int32Array;
  groupMax: Float64Array;
  groupDimension: Uint8Array;
  dimensionMax: Float64Array;
  fitWeight: number;
  engagementWeight: number;
};

/**
 * A model compiled for evaluation: conditions as closures, regexes compiled, rules indexed by event type, and
 * scratch buffers. Compile once per model version and reuse it. It holds mutable scratch, so use one per thread
 * (evaluation is synchronous, so sharing one within a thread is safe).
 */
export type CompiledModel = {
  model: Model;
  rules: CompiledRule[];
  dimensions: [CompiledDimension, CompiledDimension];
  /** The same structure flattened for `aggregate`, which runs several times per evaluation. */
  layout: Layout;
  propertyRules: CompiledRule[];
  /** Every event rule, in model order. */
  eventRules: CompiledRule[];
  /** The event types the model reads, and the rules of each (parallel arrays; model order within a type). */
  eventTypes: string[];
  eventRuleLists: CompiledRule[][];
  scope: Predicate<number> | null;
  /** Every `withinDays` / `olderThanDays` leaf on a property (rules and scope). */
  propertyDates: DateLeaf<number>[];
  hasTimeDependence: boolean;
  /** Whether some event rule's `where` has a `withinDays` / `olderThanDays` leaf (its truth depends on time). */
  hasWhereDates: boolean;
  properties: PropertyReader;
  events: EventReader;
  scratch: Scratch;
};

/** Compiles a parsed model (see `parseModel`). Throws only if handed a model that did not pass validation. */
export function compileModel(model: Model): CompiledModel {
  const slots = new Map<string, number>();
  const slotOf = (name: string): number => {
    let s = slots.get(name);
    if (s === undefined) slots.set(name, (s = slots.size));
    return s;
  };
  const propertyDates: DateLeaf<number>[] = [];
  const rules: CompiledRule[] = [];
  const dims = (['fit', 'engagement'] as const).map((name, d): CompiledDimension => ({
    name,
    label: name === 'fit' ? 'Fit' : 'Engagement',
    max: model[name].max,
    groups: model[name].groups.map((g) => ({
      id: g.id,
      label: g.label,
      max: g.max ?? Infinity,
      rules: g.rules.map((rule) => {
        const compiled = compileRule(rule, rules.length, d as 0 | 1, g, slotOf, propertyDates);
        rules.push(compiled);
        return compiled;
      }),
    })),
  })) as [CompiledDimension, CompiledDimension];
  let scope: Predicate<number> | null = null;
  if (model.scope) {
    const c = compileCondition(model.scope, slotOf);
    scope = c.test;
    propertyDates.push(...c.dateLeaves);
  }
  const eventRules = new Map<string, CompiledRule[]>();
  for (const r of rules) if (r.eventType !== null) eventRules.set(r.eventType, [...(eventRules.get(r.eventType) ?? []), r]);
  const n = rules.length;
  const groups = dims.flatMap((d, i) => d.groups.map((g) => ({ g, dimension: i })));
  let end = 0;
  const layout: Layout = {
    maxPoints: Float64Array.from(rules, (r) => r.maxPoints),
    groupEnd: Int32Array.from(groups, ({ g }) => (end += g.rules.length)),
    ruleGroup: Int32Array.from(groups.flatMap(({ g }, k) => g.rules.map(() => k))),
    groupMax: Float64Array.from(groups, ({ g }) => g.max),
    groupDimension: Uint8Array.from(groups, ({ dimension }) => dimension),
    dimensionMax: Float64Array.from(dims, (d) => d.max),
    fitWeight: model.total.fitWeight,
    engagementWeight: model.total.engagementWeight,
  };
  return {
    model,
    rules,
    dimensions: dims,
    layout,
    propertyRules: rules.filter((r) => r.when !== null),
    eventRules: rules.filter((r) => r.eventType !== null),
    eventTypes: [...eventRules.keys()],
    eventRuleLists: [...eventRules.values()],
    scope,
    propertyDates,
    hasTimeDependence: propertyDates.length > 0 || rules.some((r) => r.eventType !== null),
    hasWhereDates: rules.some((r) => r.whereDates.length > 0),
    properties: new PropertyReader([...slots.keys()]),
    events: new EventReader(),
    scratch: createScratch(n, groups.length),
  };
}

function compileRule(
  rule: Rule,
  index: number,
  dimension: 0 | 1,
  group: { id: string; label: string },
  slotOf: (name: string) => number,
  propertyDates: DateLeaf<number>[],
): CompiledRule {
  const base = { index, dimension, id: rule.id, label: rule.label, groupId: group.id, groupLabel: group.label, points: rule.points };
  if ('when' in rule) {
    const reads: number[] = [];
    const c = compileCondition(rule.when, (name) => {
      const s = slotOf(name);
      if (!reads.includes(s)) reads.push(s);
      return s;
    });
    propertyDates.push(...c.dateLeaves);
    return { ...base, maxPoints: Infinity, when: c.test, reads, eventType: null, where: null, whereDates: [], withinDays: Infinity, decay: 0, decayDays: 0, skipAfter: Infinity, skipFrom: Infinity };
  }
  const where = rule.event.where ? compileCondition(rule.event.where, (name) => name) : null;
  const decay = compileDecay(rule.decay);
  const withinDays = rule.withinDays ?? Infinity;
  return {
    ...base,
    maxPoints: rule.maxPoints ?? Infinity,
    when: null,
    reads: [],
    eventType: rule.event.type,
    where: where?.test ?? null,
    whereDates: where?.dateLeaves ?? [],
    withinDays,
    decay: decay.code,
    decayDays: decay.days,
    skipAfter: decay.code === DecayCode.Window ? Math.min(withinDays, decay.days) : withinDays,
    skipFrom: decay.code === DecayCode.Linear ? decay.days : Infinity,
  };
}
