import { compileCondition, type DateLeaf, type Predicate } from './conditions.js';
import { compileDecay, type DecayCode } from './decay.js';
import type { Model, Rule } from './model-schema.js';
import { EventReader, PropertyReader } from './readers.js';

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
};

export type CompiledGroup = { id: string; label: string; max: number; rules: CompiledRule[] };
export type CompiledDimension = { name: 'fit' | 'engagement'; label: string; max: number; groups: CompiledGroup[] };

/**
 * Rules are stored group by group in model order, so group `g` owns rules `groupEnd[g − 1]` to `groupEnd[g] − 1`.
 */
export type Layout = {
  maxPoints: Float64Array;
  groupEnd: Int32Array;
  groupMax: Float64Array;
  groupDimension: Uint8Array;
  dimensionMax: Float64Array;
  fitWeight: number;
  engagementWeight: number;
};

/** Per-rule working values of one evaluation, reused across evaluations (evaluate allocates no scratch). */
export type Scratch = {
  /** Decayed sum before the rule's cap (property rule: points or 0). */
  value: Float64Array;
  /** Matching events counted (property rule: 1 when `when` held). */
  count: Float64Array;
  newest: Float64Array;
  /** Σ points of the counted events: the rule's value with no decay. */
  undecayed: Float64Array;
  /** The part of `value` decaying by half-life now, and the linear decay rate (points per day). */
  halfLifePart: Float64Array;
  slope: Float64Array;
  /** Earliest instant (epoch ms) after which an event's window or decay phase changes; Infinity when none. */
  boundary: number;
  /** Whether some rule's value is decaying continuously (a half-life part or a linear slope). */
  moving: boolean;
  /** Rule values probed by `nextChangeAt` (at an instant, or the low / high ends over a span). */
  probeLo: Float64Array;
  probeHi: Float64Array;
  /** Fastest possible movement of `[fit, engagement]` in points per day, at the last probe. */
  rates: Float64Array;
  /** `[fit, engagement, total]` unrounded: now, then the two probes. */
  scores: Float64Array;
  scoresLo: Float64Array;
  scoresHi: Float64Array;
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
  /** The event types the model reads, and the rules of each (parallel arrays; model order within a type). */
  eventTypes: string[];
  eventRuleLists: CompiledRule[][];
  scope: Predicate<number> | null;
  /** Every `withinDays` / `olderThanDays` leaf on a property (rules and scope). */
  propertyDates: DateLeaf<number>[];
  hasTimeDependence: boolean;
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
    eventTypes: [...eventRules.keys()],
    eventRuleLists: [...eventRules.values()],
    scope,
    propertyDates,
    hasTimeDependence: propertyDates.length > 0 || rules.some((r) => r.eventType !== null),
    properties: new PropertyReader([...slots.keys()]),
    events: new EventReader(),
    scratch: {
      value: new Float64Array(n),
      count: new Float64Array(n),
      newest: new Float64Array(n),
      undecayed: new Float64Array(n),
      halfLifePart: new Float64Array(n),
      slope: new Float64Array(n),
      boundary: Infinity,
      moving: false,
      probeLo: new Float64Array(n),
      probeHi: new Float64Array(n),
      rates: new Float64Array(2),
      scores: new Float64Array(3),
      scoresLo: new Float64Array(3),
      scoresHi: new Float64Array(3),
    },
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
    return { ...base, maxPoints: Infinity, when: c.test, reads, eventType: null, where: null, whereDates: [], withinDays: Infinity, decay: 0, decayDays: 0 };
  }
  const where = rule.event.where ? compileCondition(rule.event.where, (name) => name) : null;
  const decay = compileDecay(rule.decay);
  return {
    ...base,
    maxPoints: rule.maxPoints ?? Infinity,
    when: null,
    reads: [],
    eventType: rule.event.type,
    where: where?.test ?? null,
    whereDates: where?.dateLeaves ?? [],
    withinDays: rule.withinDays ?? Infinity,
    decay: decay.code,
    decayDays: decay.days,
  };
}
