import type { Condition, Leaf } from './condition-schema.js';

/**
 * A condition in words, for people who do not read JSON: the card's "Only contacts where lifecyclestage is none
 * of customer, evangelist are scored". Property names stay as written (the model knows no labels); lists longer
 * than `LIST_ITEMS` are cut with "and N more".
 */
export function describeCondition(condition: Condition): string {
  return describe(condition, false);
}

const LIST_ITEMS = 5;

function describe(c: Condition, nested: boolean): string {
  if ('all' in c) return joined(c.all, ' and ', nested);
  if ('any' in c) return joined(c.any, ' or ', nested);
  if ('not' in c) return `not (${describe(c.not, false)})`;
  return leaf(c);
}

function joined(parts: Condition[], glue: string, nested: boolean): string {
  if (parts.length === 1) return describe(parts[0] as Condition, nested);
  const text = parts.map((p) => describe(p, true)).join(glue);
  return nested ? `(${text})` : text;
}

const quoted = (v: string | number): string => (typeof v === 'number' ? String(v) : `"${v}"`);

function list(values: string[]): string {
  const shown = values.slice(0, LIST_ITEMS).join(', ');
  return values.length > LIST_ITEMS ? `${shown} and ${values.length - LIST_ITEMS} more` : shown;
}

const days = (n: number): string => `${n} day${n === 1 ? '' : 's'}`;

function leaf(c: Leaf): string {
  const p = c.property;
  switch (c.op) {
    case 'known': return `${p} is known`;
    case 'unknown': return `${p} is empty`;
    case 'eq': return `${p} is ${quoted(c.value)}`;
    case 'neq': return `${p} is not ${quoted(c.value)}`;
    case 'in': return c.value.length === 1 ? `${p} is ${quoted(c.value[0] as string)}` : `${p} is one of ${list(c.value)}`;
    case 'notIn': return c.value.length === 1 ? `${p} is not ${quoted(c.value[0] as string)}` : `${p} is none of ${list(c.value)}`;
    case 'contains': return `${p} contains ${quoted(c.value)}`;
    case 'notContains': return `${p} does not contain ${quoted(c.value)}`;
    case 'startsWith': return `${p} starts with ${quoted(c.value)}`;
    case 'endsWith': return `${p} ends with ${quoted(c.value)}`;
    case 'matches': return `${p} matches /${c.value}/`;
    case 'gt': return `${p} is more than ${c.value}`;
    case 'gte': return `${p} is at least ${c.value}`;
    case 'lt': return `${p} is less than ${c.value}`;
    case 'lte': return `${p} is at most ${c.value}`;
    case 'between': return `${p} is between ${c.value[0]} and ${c.value[1]}`;
    case 'withinDays': return `${p} is within the last ${days(c.value)}`;
    case 'olderThanDays': return `${p} is more than ${days(c.value)} ago`;
  }
}
