import type { Condition } from './model-types.js';

/**
 * What a candidate signal means, as data (JSON-serialisable, so reports can carry it):
 * - `set`: the column's value is one of `members` (frequent levels, by label), or unknown when `unknown`, or any
 *   other known value when `other`. `frequent` lists every frequent level, so "other" can be written as a condition.
 * - `atLeast`: the column is a number ≥ `threshold`.  `range`: a number in [lo, hi) (reports only).
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
  | { type: 'range'; column: string; lo: number | null; hi: number | null }
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
    case 'range': {
      const parts: Condition[] = [];
      if (spec.lo !== null) parts.push({ property, op: 'gte', value: spec.lo });
      if (spec.hi !== null) parts.push({ property, op: 'lt', value: spec.hi });
      const cond: Condition = parts.length === 1 ? parts[0]! : { all: parts };
      return negate ? { not: cond } : cond;
    }
    case 'events':
      throw new Error('an event signal is an event rule, not a condition');
    case 'set':
      return setCondition(spec, negate, unknownTokens.filter((t) => t.trim() !== ''));
  }
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

/** A label a marketer can read: "Lead Source is Reference or Welingak Website", "TotalVisits below 3 or unknown". */
export function specLabel(spec: FeatureSpec, negate = false): string {
  const text = rawLabel(spec, negate);
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

function rawLabel(spec: FeatureSpec, negate: boolean): string {
  switch (spec.type) {
    case 'atLeast':
      return negate ? `${spec.column} below ${fmt(spec.threshold)} or unknown` : `${spec.column} ≥ ${fmt(spec.threshold)}`;
    case 'range': {
      const text =
        spec.lo === null ? `below ${fmt(spec.hi!)}` : spec.hi === null ? `≥ ${fmt(spec.lo)}` : `${fmt(spec.lo)} to under ${fmt(spec.hi)}`;
      return `${spec.column} ${negate ? 'not ' : ''}${text}`;
    }
    case 'events':
      return spec.cap === 1
        ? `a ${spec.eventType} in the last ${spec.withinDays} days`
        : `each ${spec.eventType} in the last ${spec.withinDays} days (up to ${spec.cap})`;
    case 'set':
      return setLabel(spec, negate);
  }
}

/**
 * A set is described by its members or by what it leaves out, whichever reads shorter: "Last Activity is not
 * Email Bounced" rather than a list of every other level. Both describe the rule's exact condition.
 */
function setLabel(spec: Extract<FeatureSpec, { type: 'set' }>, negate: boolean): string {
  const inSet = new Set(spec.members.map((m) => m.toLowerCase()));
  const members = negate ? spec.frequent.filter((l) => !inSet.has(l.toLowerCase())) : spec.members;
  const unknown = spec.unknown !== negate;
  const other = spec.other !== negate;
  const parts = (levels: string[], o: boolean, u: boolean) => [...levels, ...(o ? ['another value'] : []), ...(u ? ['unknown'] : [])];
  const yes = parts(members, other, unknown);
  const no = parts(spec.frequent.filter((l) => !members.includes(l)), !other, !unknown);
  if (yes.length === 1 && unknown) return `${spec.column} is unknown`;
  if (no.length === 1 && !unknown) return `${spec.column} is known`; // everything but unknown
  const positive = fitLabel(`${spec.column} is `, yes);
  const negative = fitLabel(`${spec.column} is ${no.length === 1 ? 'not' : 'none of'} `, no);
  return negative.length < positive.length ? negative : positive;
}

/** Labels are at most 80 characters (the model format's limit): long lists end in "… or N more". */
export const MAX_LABEL = 80;

function fitLabel(lead: string, parts: string[]): string {
  const list = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);
  const whole = lead + list(parts);
  if (whole.length <= MAX_LABEL) return whole;
  for (let k = parts.length - 1; k >= 1; k--) {
    const text = `${lead}${parts.slice(0, k).join(', ')} or ${parts.length - k} more`;
    if (text.length <= MAX_LABEL) return text;
  }
  return `${whole.slice(0, MAX_LABEL - 1)}…`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
