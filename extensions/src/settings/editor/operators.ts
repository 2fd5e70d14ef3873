import type { Leaf, Operator } from '../../../../src/contract/index.js';

/** What kind of value each operator takes (SCORING-MODEL.md "Conditions"); the editor shows the matching input. */
export type ValueKind = 'none' | 'scalar' | 'text' | 'list' | 'number' | 'range' | 'days';

/** A Record over every Operator: adding an operator to the engine without a kind here fails the type check. */
export const VALUE_KIND: Record<Operator, ValueKind> = {
  known: 'none', unknown: 'none',
  eq: 'scalar', neq: 'scalar',
  in: 'list', notIn: 'list',
  contains: 'text', notContains: 'text', startsWith: 'text', endsWith: 'text', matches: 'text',
  gt: 'number', gte: 'number', lt: 'number', lte: 'number',
  between: 'range',
  withinDays: 'days', olderThanDays: 'days',
};

export const OPERATOR_LABELS: Record<Operator, string> = {
  known: 'is known', unknown: 'is unknown', eq: 'equals', neq: 'does not equal', in: 'is any of', notIn: 'is none of',
  contains: 'contains', notContains: 'does not contain', startsWith: 'starts with', endsWith: 'ends with',
  matches: 'matches regex', gt: '>', gte: '≥', lt: '<', lte: '≤', between: 'is between',
  withinDays: 'within the last N days', olderThanDays: 'more than N days ago',
};

export const OPERATOR_OPTIONS = (Object.keys(VALUE_KIND) as Operator[]).map((op) => ({ value: op, label: OPERATOR_LABELS[op] }));

/** A leaf with `op` and a value suited to it: kept when the kind is unchanged, else reset to an empty default. */
export function withOperator(leaf: Leaf, op: Operator): Leaf {
  const kind = VALUE_KIND[op];
  const value = 'value' in leaf ? leaf.value : undefined;
  if (kind === 'none') return { property: leaf.property, op } as Leaf;
  if (kind === VALUE_KIND[leaf.op]) return { property: leaf.property, op, value } as Leaf;
  return { property: leaf.property, op, value: defaultValue(kind) } as Leaf;
}

function defaultValue(kind: Exclude<ValueKind, 'none'>): unknown {
  switch (kind) {
    case 'scalar':
    case 'text':
      return '';
    case 'list':
      return [];
    case 'range':
      return [0, 0];
    case 'number':
    case 'days':
      return 0;
  }
}

/** "a, b , c" → ["a", "b", "c"]: how the editor reads a list typed in one input. */
export const parseList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Operators that make sense for a HubSpot property type (numeric comparisons on numbers, days on dates, option
 * tests on enumerations); an unknown property (typed by name) gets all of them. The rule's current operator is
 * always offered, so an imported model is shown as it is.
 */
const BY_TYPE: Record<string, Operator[]> = {
  string: ['known', 'unknown', 'eq', 'neq', 'in', 'notIn', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches'],
  number: ['known', 'unknown', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'notIn'],
  enumeration: ['known', 'unknown', 'eq', 'neq', 'in', 'notIn'],
  bool: ['known', 'unknown', 'eq', 'neq'],
  date: ['known', 'unknown', 'withinDays', 'olderThanDays'],
  datetime: ['known', 'unknown', 'withinDays', 'olderThanDays'],
};

export function operatorsFor(type: string | undefined, current: Operator): { value: Operator; label: string }[] {
  const ops = (type && BY_TYPE[type]) || (Object.keys(VALUE_KIND) as Operator[]);
  return (ops.includes(current) ? ops : [...ops, current]).map((op) => ({ value: op, label: OPERATOR_LABELS[op] }));
}

/** Whether `op` fits the type (an unknown type allows any). */
export const operatorFits = (type: string | undefined, op: Operator) => !type || !BY_TYPE[type] || BY_TYPE[type]!.includes(op);
