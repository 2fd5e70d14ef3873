import type { z } from 'zod';
import { editDistance } from './edit-distance.js';
import { CONDITION_UNION, RULE_UNION } from './markers.js';

/** A validation error named by its JSON path, e.g. `fit.groups[1].rules[0].when.op`. */
export type ModelError = { path: string; message: string };

type Key = PropertyKey;
type Issue = z.core.$ZodIssue;

const FIELDS = [
  'id', 'name', 'description', 'propertyPrefix', 'fit', 'engagement', 'total', 'grades', 'stages', 'scope', 'max',
  'groups', 'label', 'rules', 'points', 'when', 'event', 'type', 'where', 'withinDays', 'maxPoints', 'decay', 'kind',
  'days', 'all', 'any', 'not', 'property', 'op', 'value', 'fitWeight', 'engagementWeight', 'grade', 'min',
];

/** Formats a path the way users read JSON: `fit.groups[1].rules[0].when.op`. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/**
 * Turns zod issues into one error per mistake, by JSON path. Where a union failed (a condition, a rule), only the
 * alternative the user evidently meant is reported (a `{ "all": … }` is judged as an `all`, an object with
 * `event` as an event rule), so an unknown operator reads `…when.op: unknown operator "equals"` rather than a
 * list of every alternative's complaints.
 */
export function formatIssues(issues: readonly Issue[], input: unknown, base: readonly Key[] = []): ModelError[] {
  const out: ModelError[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    const value = valueAt(input, path);
    if (issue.code === 'invalid_union' && issue.message === CONDITION_UNION) {
      if (!isObj(value)) out.push(error(path, 'expected a condition: { "all": [...] }, { "any": [...] }, { "not": {...} } or { "property", "op", "value" }'));
      else out.push(...formatIssues(issue.errors['all' in value ? 0 : 'any' in value ? 1 : 'not' in value ? 2 : 3] ?? [], input, path));
    } else if (issue.code === 'invalid_union' && issue.message === RULE_UNION) {
      if (!isObj(value)) out.push(error(path, 'expected a rule object'));
      else if ('event' in value) out.push(...formatIssues(issue.errors[1] ?? [], input, path));
      else if ('when' in value) out.push(...formatIssues(issue.errors[0] ?? [], input, path));
      else out.push(error(path, 'a rule needs "when" (a property rule) or "event" (an event rule)'));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(error([...path, key], unknownField(key, value)));
    } else {
      out.push(error(path, messageOf(issue, value)));
    }
  }
  return dedupe(out);
}

function messageOf(issue: Issue, value: unknown): string {
  const custom = !/^(Invalid input|Too small|Too big|Invalid)/.test(issue.message);
  // A missing value is "required", except a missing discriminator (`op`, `kind`), whose message lists the choices.
  if (value === undefined && (issue.code === 'invalid_type' || (issue.code === 'invalid_union' && !('note' in issue)))) return 'required';
  if (issue.code === 'invalid_type') return custom ? issue.message : `expected ${issue.expected}, got ${describe(value)}`;
  if (custom) return issue.message;
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    const cmp = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
    if (issue.origin === 'array') return `needs ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} items`;
    if (issue.origin === 'string') return `must be ${issue.code === 'too_small' ? 'at least' : 'at most'} ${String(bound)} characters`;
    return `must be ${cmp} ${String(bound)}`;
  }
  return issue.message;
}

function unknownField(key: string, parent: unknown): string {
  const op = isObj(parent) ? parent.op : undefined;
  if (key === 'value' && (op === 'known' || op === 'unknown')) return `operator "${op}" takes no value`;
  if (FIELDS.includes(key)) return `field ${JSON.stringify(key)} does not belong here`;
  const lower = key.toLowerCase();
  const close = FIELDS.find((f) => f.toLowerCase() === lower) ?? (key.length > 3 ? FIELDS.find((f) => editDistance(f, key) <= 2) : undefined);
  return close ? `unknown field ${JSON.stringify(key)} (did you mean "${close}"?)` : `unknown field ${JSON.stringify(key)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function valueAt(input: unknown, path: readonly Key[]): unknown {
  let v = input;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<Key, unknown>)[key];
  }
  return v;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const error = (path: readonly Key[], message: string): ModelError => ({ path: formatPath(path), message });

function dedupe(errors: ModelError[]): ModelError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
