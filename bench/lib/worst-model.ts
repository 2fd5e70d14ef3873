import { MODEL_LIMITS as L } from '../../src/scoring/limits.js';
import { patternProgramSize } from '../../src/scoring/regex.js';
import type { ModelInput, ScoringEvent } from '../../src/scoring/index.js';

/**
 * The most expensive model the published limits allow, and a contact that makes it work hardest: every value
 * 65,536 characters (HubSpot's longest text) of the two letters a hostile pattern like `a.{96}b` needs to keep
 * RE2's lazy DFA from settling (each new character can create a new state: the case where re2js falls back to
 * its NFA). Shared by the limit tests and the benchmark.
 */

/** A counted repeat as close to the per-pattern program limit as it gets (programSize = n + 4). */
export const HOSTILE_PATTERN = `a.{${L.patternProgram - 4}}b`;
/** HubSpot's longest text property value. */
export const LONGEST_VALUE = 65_536;
/** The ledger's default bound (LEDGER_MAX_EVENTS) plus the events a contact's properties can add. */
export const WORST_EVENTS = 207;
const ATTRIBUTES = ['url', 'form', 'campaign', 'property', 'value'];

/** A value of `length` characters from {a, b}, deterministic per seed. */
export function hostileValue(length: number, seed: number): string {
  let s = (seed * 2654435761) >>> 0;
  const out: string[] = [];
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(s & 0x10000 ? 'a' : 'b');
  }
  return out.join('');
}

/** A condition nested `depth` levels (`not` / `all` / `any` in turn) around a leaf. */
export function nested(depth: number, leaf: unknown): unknown {
  let c = leaf;
  for (let d = 0; d < depth; d++) c = d % 3 === 0 ? { not: c } : d % 3 === 1 ? { all: [c] } : { any: [c] };
  return c;
}

const rule = (id: string, when: unknown) => ({ id, label: id, points: 1, when });

/**
 * The worst model within the limits: the pattern budget spent on hostile patterns, the property limit spent on
 * distinct properties, the condition limit filled (the event-filter share on every attribute of every event),
 * one condition nested to the depth limit, the rule limit reached.
 */
export function worstModel(opts: { eventPattern?: boolean } = {}): { model: ModelInput; properties: string[] } {
  const properties: string[] = [];
  const property = () => {
    const p = `p${properties.length}`;
    properties.push(p);
    return p;
  };
  const rules: unknown[] = [];
  let budget: number = L.patternBudget;
  let extraWhere = 0;
  if (opts.eventPattern) {
    // The other way to spend the pattern budget: one pattern in an event filter, tested against every event. It
    // counts wherePatternFactor times, so the largest that fits has (budget / factor − patternCost) instructions.
    const size = Math.floor(L.patternBudget / L.wherePatternFactor) - L.patternCost;
    rules.push({ id: 'evm', label: 'evm', points: 1, withinDays: 400, event: { type: 'page_view', where: { property: 'url', op: 'matches', value: `a.{${size - 4}}b` } } });
    budget = 0;
    extraWhere = 1;
  }
  for (const pattern of [HOSTILE_PATTERN, 'a']) {
    const cost = patternProgramSize(pattern)! + L.patternCost;
    while (budget >= cost) {
      rules.push(rule(`m${rules.length}`, { property: property(), op: 'matches', value: pattern }));
      budget -= cost;
    }
  }
  let conditions = rules.length;
  rules.push(rule('deep', nested(L.conditionDepth, { property: property(), op: 'contains', value: 'zz' })));
  conditions += L.conditionDepth + 1;
  conditions += extraWhere;
  const eventRules = Math.floor((L.whereConditions - extraWhere) / (ATTRIBUTES.length + 1));
  for (let i = 0; i < eventRules; i++) {
    rules.push({
      id: `ev${i}`, label: `ev${i}`, points: 1, withinDays: 400, decay: { kind: 'halfLife', days: 30 },
      event: { type: 'page_view', where: { all: ATTRIBUTES.slice(1).map((a) => ({ property: a, op: 'contains', value: `z${i}` })).concat([{ property: 'url', op: 'startsWith', value: `b${i}` }]) } },
    });
  }
  conditions += eventRules * (ATTRIBUTES.length + 1);
  const plain = L.rules - rules.length;
  const perRule = Math.floor((L.conditions - conditions) / plain);
  for (let i = 0; rules.length < L.rules; i++) {
    const leaves = Array.from({ length: perRule - 1 }, (_, j) => ({
      property: properties.length < L.properties ? property() : `p${(i * perRule + j) % L.properties}`,
      op: j % 2 ? 'notContains' : 'endsWith',
      value: `zz${j}`,
    }));
    rules.push(rule(`r${i}`, { all: leaves }));
  }
  const groups = (prefix: string, list: unknown[]) => {
    const size = Math.ceil(list.length / 10);
    return Array.from({ length: 10 }, (_, g) => ({ id: `${prefix}${g}`, label: `${prefix}${g}`, rules: list.slice(g * size, (g + 1) * size) }));
  };
  const half = Math.ceil(rules.length / 2);
  const model = {
    id: 'worst',
    name: 'Worst case within the limits',
    fit: { groups: groups('f', rules.slice(0, half)) },
    engagement: { groups: groups('e', rules.slice(half)) },
  } as ModelInput;
  return { model, properties };
}

/** A pool of distinct longest values, reused (rotated) across contacts so building them does not dominate. */
export function valuePool(size: number): string[] {
  return Array.from({ length: size }, (_, i) => hostileValue(LONGEST_VALUE, i + 1));
}

/** Contact `k`'s properties and events for the worst model: every value the longest, all different. */
export function worstContact(properties: string[], pool: string[], k: number, now: number) {
  const pick = (i: number) => pool[(k * 31 + i) % pool.length]!;
  const values: Record<string, string> = {};
  properties.forEach((p, i) => (values[p] = pick(i)));
  const events: ScoringEvent[] = Array.from({ length: WORST_EVENTS }, (_, e) => ({
    type: 'page_view',
    at: now - e * 3_600_000,
    ...Object.fromEntries(ATTRIBUTES.map((a, j) => [a, pick(properties.length + e * ATTRIBUTES.length + j)])),
  }));
  return { properties: values, events };
}
