import type { FeatureSpec } from './feature-spec.js';

/** Labels are at most 80 characters (the model format's limit). */
export const MAX_LABEL = 80;

/**
 * A label a marketer can read that says exactly what the rule's condition (specCondition) tests, in the same form:
 * an `in` condition lists its values ("Lead Source is Reference or Google"), a `notIn` one the values it leaves out
 * ("Lead Source is none of Google or Direct (unknown included)"). A list too long for 80 characters ends in
 * "or N more", N being the true count of values not shown. `name` is the property's label where the portal has
 * one (the column name otherwise).
 */
export function specLabel(spec: FeatureSpec, negate = false, name = specName(spec)): string {
  const text = rawLabel(spec, negate, name);
  return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
}

function specName(spec: FeatureSpec): string {
  return spec.type === 'events' ? spec.eventType : spec.column;
}

function rawLabel(spec: FeatureSpec, negate: boolean, name: string): string {
  switch (spec.type) {
    case 'atLeast':
      return negate ? `${name} below ${fmt(spec.threshold)} or unknown` : `${name} ≥ ${fmt(spec.threshold)}`;
    case 'range':
      return `${name} ${negate ? 'not ' : ''}${rangeText(spec)}`;
    case 'equals':
      return `${name} is ${negate ? 'not ' : ''}${fmt(spec.value)}`;
    case 'noNumber': {
      const text = spec.orText ? 'unknown or not a number' : 'unknown';
      return negate ? `${name} is ${spec.orText ? 'a number' : 'known'}` : `${name} is ${text}`;
    }
    case 'events': {
      // "page_view" reads "page view"; the article follows the sound ("an email open").
      const what = spec.eventType.replace(/_/g, ' ');
      const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
      return spec.cap === 1
        ? `${article} ${what} in the last ${spec.withinDays} days`
        : `each ${what} in the last ${spec.withinDays} days (up to ${spec.cap})`;
    }
    case 'set':
      return setLabel(spec, negate, name);
  }
}

function rangeText(spec: Extract<FeatureSpec, { type: 'range' }>): string {
  const { lo, hi, above } = spec;
  if (above !== undefined && lo === null) return hi === null ? `above ${fmt(above)}` : `above ${fmt(above)} and below ${fmt(hi)}`;
  if (lo === null) return hi === null ? 'a number' : `below ${fmt(hi)}`;
  return hi === null ? `≥ ${fmt(lo)}` : `from ${fmt(lo)} to under ${fmt(hi)}`;
}

/** The label of a set, in the form of its condition (feature-spec.ts setCondition). */
function setLabel(spec: Extract<FeatureSpec, { type: 'set' }>, negate: boolean, name: string): string {
  const inSet = new Set(spec.members.map((m) => m.toLowerCase()));
  const members = negate ? spec.frequent.filter((l) => !inSet.has(l.toLowerCase())) : spec.members;
  const unknown = spec.unknown !== negate;
  const other = spec.other !== negate;
  const memberKeys = new Set(members.map((m) => m.toLowerCase()));
  const outside = spec.frequent.filter((l) => !memberKeys.has(l.toLowerCase()));
  if (!other && !unknown && members.length === 0) return `${name} is never`;
  if (other && unknown) {
    if (outside.length === 0) return `${name} is anything`;
    return listLabel(`${name} is ${outside.length === 1 ? 'not' : 'none of'} `, outside, ' (unknown included)');
  }
  if (other) return outside.length === 0 ? `${name} is known` : listLabel(`${name} is known and ${outside.length === 1 ? 'not' : 'none of'} `, outside, '');
  if (unknown) return members.length === 0 ? `${name} is unknown` : listLabel(`${name} is `, [...members, 'unknown'], '', 1);
  return listLabel(`${name} is `, members, '');
}

/**
 * "lead A, B or C tail"; when too long, "lead A, B or N more tail" with N the count left out. The last `keep`
 * items (such as "unknown") are always shown.
 */
function listLabel(lead: string, items: string[], tail: string, keep = 0): string {
  const list = (xs: string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`);
  const whole = `${lead}${list(items)}${tail}`;
  if (whole.length <= MAX_LABEL) return whole;
  const kept = items.slice(items.length - keep);
  const body = items.slice(0, items.length - keep);
  for (let k = body.length - 1; k >= 1; k--) {
    const text = `${lead}${[...body.slice(0, k), ...kept].join(', ')} or ${body.length - k} more${tail}`;
    if (text.length <= MAX_LABEL) return text;
  }
  return `${lead}${[...kept, `${body.length} values`].join(', ')}${tail}`.slice(0, MAX_LABEL);
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}
