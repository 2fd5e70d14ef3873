import { expect } from 'vitest';
import { compileModel, evaluate, type Condition, type Model } from '../../src/scoring/index.js';

type Row = { properties: Record<string, string | null | undefined> };

const TOKENS = ['Select'];

/**
 * The condition a learnt rule's label describes, re-derived from the label alone (the grammar of
 * src/analysis/feature-label.ts): the label must say exactly what the condition tests. A list abbreviated as
 * "… or N more" yields `{ shown, more }` in place of the full list, checked against the condition's true count.
 * "is unknown" / "is known" yield both readings (with or without the unknown tokens listed).
 */
export function conditionFromLabel(label: string, property: string): Condition | Condition[] | { abbreviated: Condition; shown: string[]; more: number } {
  const rest = label.slice(property.length + 1);
  expect(label.startsWith(`${property} `)).toBe(true);
  const num = (t: string) => Number(t);
  let m: RegExpMatchArray | null;
  if ((m = rest.match(/^≥ (\S+)$/))) return { property, op: 'gte', value: num(m[1]!) };
  if ((m = rest.match(/^below (\S+)$/))) return { property, op: 'lt', value: num(m[1]!) };
  if ((m = rest.match(/^from (\S+) to under (\S+)$/))) return { all: [{ property, op: 'gte', value: num(m[1]!) }, { property, op: 'lt', value: num(m[2]!) }] };
  if ((m = rest.match(/^above (\S+) and below (\S+)$/))) return { all: [{ property, op: 'gt', value: num(m[1]!) }, { property, op: 'lt', value: num(m[2]!) }] };
  if ((m = rest.match(/^above (\S+)$/))) return { property, op: 'gt', value: num(m[1]!) };
  if (rest === 'is unknown or not a number') return { not: { any: [{ property, op: 'gte', value: 0 }, { property, op: 'lt', value: 0 }] } };
  // "Unknown" is empty or an unknown token ("Select"): a categorical column's condition lists the tokens.
  if (rest === 'is unknown') return [{ property, op: 'unknown' }, { any: [{ property, op: 'unknown' }, { property, op: 'eq', value: TOKENS[0]! }] }];
  if (rest === 'is known') return [{ property, op: 'known' }, { all: [{ property, op: 'known' }, { property, op: 'notIn', value: TOKENS }] }];
  if ((m = rest.match(/^is (-?\d+(\.\d+)?)$/))) return { property, op: 'between', value: [num(m[1]!), num(m[1]!)] };
  if ((m = rest.match(/^is (?:none of|not) (.+) \(unknown included\)$/))) return list(m[1]!, (v) => (v.length === 1 ? { property, op: 'neq', value: v[0]! } : { property, op: 'notIn', value: v }));
  if ((m = rest.match(/^is known and (?:none of|not) (.+)$/))) return list(m[1]!, (v) => ({ all: [{ property, op: 'known' }, { property, op: 'notIn', value: [...v, ...TOKENS] }] }));
  if ((m = rest.match(/^is (.+), unknown(?: or (\d+) more)?$/)) || (m = rest.match(/^is (.+) or unknown$/))) {
    const inner = m[2] ? `${m[1]!} or ${m[2]} more` : m[1]!;
    return list(inner, (v) => ({ any: [{ property, op: 'unknown' }, v.length + TOKENS.length === 1 ? { property, op: 'eq', value: v[0]! } : { property, op: 'in', value: [...v, ...TOKENS] }] }));
  }
  if ((m = rest.match(/^is (.+)$/))) return list(m[1]!, (v) => (v.length === 1 ? { property, op: 'eq', value: v[0]! } : { property, op: 'in', value: v }));
  throw new Error(`label not in the learner's grammar: ${label}`);
}

function list(text: string, make: (values: string[]) => Condition): Condition | { abbreviated: Condition; shown: string[]; more: number } {
  const more = text.match(/^(.*) or (\d+) more$/);
  const body = more ? more[1]! : text;
  const parts = body.split(', ');
  const last = parts.pop()!;
  const values = more ? [...parts, last] : last.includes(' or ') ? [...parts, ...splitLastOr(last)] : [...parts, last];
  if (!more) return make(values);
  return { abbreviated: make(values), shown: values, more: Number(more[2]) };
}

function splitLastOr(text: string): string[] {
  const at = text.lastIndexOf(' or ');
  return [text.slice(0, at), text.slice(at + 4)];
}

/** Every rule's label re-derives its condition (or, abbreviated, the values it shows and a true count of the rest). */
export function expectLabelsMatchConditions(model: Model): number {
  let checked = 0;
  for (const group of [...model.fit.groups, ...model.engagement.groups]) {
    for (const rule of group.rules) {
      if (!('when' in rule) || !rule.when) continue;
      const derived = conditionFromLabel(rule.label, group.label);
      if (Array.isArray(derived)) expect(derived, rule.label).toContainEqual(rule.when);
      else if ('abbreviated' in derived) {
        const listed = listedValues(rule.when);
        expect(listed.slice(0, derived.shown.length)).toEqual(derived.shown);
        expect(listed.length - derived.shown.length - (listed.some((v) => TOKENS.includes(v)) ? TOKENS.length : 0)).toBe(derived.more);
      } else expect(rule.when, rule.label).toEqual(derived);
      checked++;
    }
  }
  return checked;
}

function listedValues(c: Condition): string[] {
  if ('all' in c) return c.all.flatMap(listedValues);
  if ('any' in c) return c.any.flatMap(listedValues);
  if ('not' in c) return listedValues(c.not);
  return c.op === 'in' || c.op === 'notIn' ? c.value : c.op === 'eq' || c.op === 'neq' ? [String(c.value)] : [];
}

/**
 * No two rules of one group (one property) hold on the same value: probed with every value the rows hold for that
 * property, unknown, text and unseen values, through the real engine.
 */
export function expectDisjointRules(model: Model, rows: readonly Row[]): void {
  const compiled = compileModel(model);
  for (const group of [...model.fit.groups, ...model.engagement.groups]) {
    const property = group.label;
    const seen = new Set(rows.map((r) => r.properties[property] ?? null));
    const probes = [...seen, null, '', 'an unseen value', 'n/a', '-1', '0', '1e9'];
    for (const value of probes) {
      const result = evaluate(compiled, { properties: { [property]: value }, events: [] }, 0);
      if (!result.inScope) continue;
      const fired = result.breakdown.filter((b) => b.groupId === group.id);
      expect(fired.length, `${property} = ${JSON.stringify(value)}: ${fired.map((f) => f.label).join(' | ')}`).toBeLessThanOrEqual(1);
    }
  }
}
