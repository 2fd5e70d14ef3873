import type { Condition } from './model-types.js';


export { specLabel, MAX_LABEL } from './feature-label.js';

/**
 * What a candidate signal means, as data (JSON-serialisable, so reports can carry it):
 * - `set`: the column's value is one of `members` (frequent levels, by label), or unknown when `unknown`, or any
 *   other known value when `other`. `frequent` lists every frequent level, so "other" can be written as a condition.
 * - `atLeast`: the column is a number ≥ `threshold`.  `range`: a number in [lo, hi).  `equals`: a sentinel number.
 * - `noNumber`: a numeric column holds no number (unknown, or a text cell).
 * - `events`: the number of `eventType` events in the last `withinDays` days, counted up to `cap` (as a fraction
 *   of `cap`); written as an event rule with `maxPoints`.
 */
export type FeatureSpec =
  | {
      type: 'set';
      column: string;
      members: string[];
      unknown: boolean;
      other: boolean;
      frequent: string[];
      /** The column holds `a;b` values: compare whole values (`eq`), since `in` would match their items. */
      wholeValues?: boolean;
    }
  | { type: 'atLeast'; column: string; threshold: number }
  /** A number in [lo, hi); with `above`, also strictly above it (a range that leaves out a low sentinel). */
  | { type: 'range'; column: string; lo: number | null; hi: number | null; above?: number }
  /** A numeric column's sentinel value (999 for "never"): a category of its own. */
  | { type: 'equals'; column: string; value: number }
  /** A numeric column's value is unknown, or (with `orText`) not a number at all, which the learner reads alike. */
  | { type: 'noNumber'; column: string; orText: boolean }
  | { type: 'events'; eventType: string; withinDays: number; cap: number };

/** The column (or `events:<type>`) a spec reads: rules on one column share a group in the model. */
export function specColumn(spec: FeatureSpec): string {
  return spec.type === 'events' ? `events:${spec.eventType}` : spec.column;
}

/**
 * The engine condition true exactly when the spec holds (or, with `negate`, exactly when it does not). Unknown
 * tokens such as "Select" are literal values to the engine, so "unknown" is written as `unknown` or `in` tokens.
 */
export function specCondition(spec: FeatureSpec, negate: boolean, unknownTokens: readonly string[]): Condition {
  const property = spec.type === 'events' ? '' : spec.column;
  switch (spec.type) {
    case 'atLeast': {
      const leaf: Condition = { property, op: 'gte', value: spec.threshold };
      return negate ? { not: leaf } : leaf;
    }
    case 'equals': {
      const leaf: Condition = { property, op: 'between', value: [spec.value, spec.value] };
      return negate ? { not: leaf } : leaf;
    }
    case 'noNumber': {
      // Every number is ≥ 0 or < 0; a numeric operator is false on text and on unknown (SCORING-MODEL.md).
      const leaf: Condition = spec.orText ? { not: isNumber(property) } : { property, op: 'unknown' };
      return negate ? { not: leaf } : leaf;
    }
    case 'range': {
      const parts: Condition[] = [];
      if (spec.above !== undefined) parts.push({ property, op: 'gt', value: spec.above });
      if (spec.lo !== null) parts.push({ property, op: 'gte', value: spec.lo });
      if (spec.hi !== null) parts.push({ property, op: 'lt', value: spec.hi });
      const cond: Condition = parts.length === 1 ? parts[0]! : parts.length ? { all: parts } : isNumber(property);
      return negate ? { not: cond } : cond;
    }
    case 'events':
      throw new Error('an event signal is an event rule, not a condition');
    case 'set':
      return setCondition(spec, negate, unknownTokens.filter((t) => t.trim() !== ''));
  }
}

function isNumber(property: string): Condition {
  return { any: [{ property, op: 'gte', value: 0 }, { property, op: 'lt', value: 0 }] };
}

function setCondition(spec: Extract<FeatureSpec, { type: 'set' }>, negate: boolean, tokens: string[]): Condition {
  const property = spec.column;
  const memberKeys = new Set(spec.members.map((m) => m.toLowerCase()));
  const members = negate ? spec.frequent.filter((l) => !memberKeys.has(l.toLowerCase())) : spec.members;
  const unknown = negate ? !spec.unknown : spec.unknown;
  const other = negate ? !spec.other : spec.other;
  const outside = spec.frequent.filter((l) => !members.some((m) => m.toLowerCase() === l.toLowerCase()));
  // `in` / `notIn` read a multi-select value as its items; on such a column, whole values are compared with `eq`.
  const oneOf = (values: string[]): Condition =>
    values.length === 1
      ? { property, op: 'eq', value: values[0]! }
      : spec.wholeValues
        ? { any: values.map((value): Condition => ({ property, op: 'eq', value })) }
        : { property, op: 'in', value: values };
  // Both forms are true on an unknown value, as "none of" should be.
  const noneOf = (values: string[]): Condition => (spec.wholeValues ? { not: oneOf(values) } : { property, op: 'notIn', value: values });
  const isUnknown: Condition = { property, op: 'unknown' };
  // The sets of every value and of none are never candidates (no contrast), but stay well-formed if asked for.
  const always: Condition = { any: [{ property, op: 'known' }, isUnknown] };
  if (!other && !unknown && members.length === 0) return { not: always };
  if (other && unknown) return outside.length ? noneOf(outside) : always;
  if (other) {
    const excluded = [...outside, ...tokens];
    const known: Condition = { property, op: 'known' };
    return excluded.length ? { all: [known, noneOf(excluded)] } : known;
  }
  if (unknown) {
    const listed = [...members, ...tokens];
    return listed.length ? { any: [isUnknown, oneOf(listed)] } : isUnknown;
  }
  return oneOf(members);
}

