/**
 * What a model allows but is probably a mistake (SCORING-MODEL.md "Errors and warnings"): a grade band or stage
 * that can never apply, a rule that can never contribute. Reported like errors (by JSON path, all at once) but
 * never blocking: the model is valid, saved, published and scored as written. Written over `unknown`, like
 * `checkModel`, so an invalid document gets its warnings too.
 */
import { isObj, items, where, type PathIssue } from './check-model.js';
import { DEFAULT_GRADES } from './default-grades.js';
import { nearest } from './edit-distance.js';
import { STANDARD_EVENT_TYPES } from './event-types.js';

/** A contact property of the portal as HubSpot defines it (`GET /crm/v3/properties/contacts`: name, type). */
export type KnownProperty = { name: string; type: string };

/** What is known of the portal: with its properties, rules on a missing property or of the wrong type are warned of. */
export interface WarningContext {
  properties?: readonly KnownProperty[];
}

type Path = (string | number)[];
const num = (x: unknown, fallback: number): number => (typeof x === 'number' && Number.isFinite(x) ? x : fallback);

const EVENT_TYPES = Object.keys(STANDARD_EVENT_TYPES);
const NUMERIC_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);
/** HubSpot property types whose values are never plain numbers. */
const NON_NUMERIC_TYPES = new Set(['string', 'enumeration', 'bool', 'phone_number']);

/** Every warning of a (possibly malformed) model document, each with its JSON path. */
export function modelWarnings(doc: unknown, context: WarningContext = {}): PathIssue[] {
  if (!isObj(doc)) return [];
  const warnings: PathIssue[] = [];
  const fitMax = isObj(doc.fit) ? num(doc.fit.max, 100) : 100;
  const engagementMax = isObj(doc.engagement) ? num(doc.engagement.max, 100) : 100;
  if (isObj(doc.grades)) {
    bandWarnings(doc.grades.fit, ['grades', 'fit'], fitMax, 'fit', warnings);
    bandWarnings(doc.grades.engagement, ['grades', 'engagement'], engagementMax, 'engagement', warnings);
  }
  const total = isObj(doc.total) ? doc.total : {};
  const totalMax = num(total.fitWeight, 0.5) * fitMax + num(total.engagementWeight, 0.5) * engagementMax;
  thresholdWarnings(doc.stages, ['stages'], totalMax, 'the highest possible total', 'stage', warnings);
  const properties = context.properties ? new Map(context.properties.map((p) => [p.name, p.type])) : null;
  for (const dimension of ['fit', 'engagement'] as const) {
    const dim = doc[dimension];
    if (!isObj(dim)) continue;
    items(dim.groups).forEach((group, g) => {
      if (!isObj(group)) return;
      items(group.rules).forEach((rule, r) => {
        if (!isObj(rule)) return;
        const path = [dimension, 'groups', g, 'rules', r];
        if (isObj(rule.event)) eventWarnings(rule.event.type, [...path, 'event', 'type'], warnings);
        if (properties) conditionWarnings(rule.when, [...path, 'when'], properties, warnings);
      });
    });
  }
  if (properties) conditionWarnings(doc.scope, ['scope'], properties, warnings);
  return warnings;
}

function bandWarnings(bands: unknown, path: Path, max: number, dimension: string, warnings: PathIssue[]): void {
  // The default bands (75/50/25/0) are not the user's doing: a dimension with a smaller max simply never reaches A.
  const defaults = (DEFAULT_GRADES as Record<string, unknown>)[dimension];
  if (JSON.stringify(bands) === JSON.stringify(defaults)) return;
  thresholdWarnings(bands, path, max, `${dimension}.max`, 'band', warnings);
  const list = items(bands);
  const last = list[list.length - 1];
  if (isObj(last) && typeof last.min === 'number' && last.min > 0) {
    const grade = typeof last.grade === 'string' ? ` "${last.grade}"` : '';
    warnings.push({ path: [...path, list.length - 1, 'min'], message: `no band starts at 0: scores below ${last.min} get the last band${grade} too` });
  }
}

/** Bands and stages both apply first-match in order: one above the maximum, or after a lower `min`, never applies. */
function thresholdWarnings(list: unknown, path: Path, max: number, maxName: string, kind: string, warnings: PathIssue[]): void {
  let lowest: { min: number; at: Path } | null = null;
  items(list).forEach((entry, i) => {
    if (!isObj(entry) || typeof entry.min !== 'number') return;
    const at = [...path, i, 'min'];
    if (entry.min > max) {
      warnings.push({ path: at, message: `${entry.min} is above ${maxName} (${max}): this ${kind} can never apply` });
    } else if (lowest && entry.min >= lowest.min) {
      warnings.push({
        path: at,
        message: `this ${kind} can never apply: ${where(lowest.at.slice(0, -1))} (min ${lowest.min}) comes first and takes every score from ${lowest.min} up; list ${kind}s from the highest min to the lowest`,
      });
    }
    if (!lowest || entry.min < lowest.min) lowest = { min: entry.min, at };
  });
}

function eventWarnings(type: unknown, path: Path, warnings: PathIssue[]): void {
  if (typeof type !== 'string' || type === '' || EVENT_TYPES.includes(type)) return;
  const close = nearest(type, EVENT_TYPES, Math.max(2, Math.floor(type.length / 3)));
  const hint = close ? `did you mean "${close}"?` : `the sync sends ${EVENT_TYPES.join(', ')}`;
  warnings.push({ path, message: `no "${type}" events are sent, so this rule never adds points (${hint})` });
}

function conditionWarnings(condition: unknown, path: Path, properties: Map<string, string>, warnings: PathIssue[]): void {
  if (!isObj(condition)) return;
  for (const key of ['all', 'any'] as const) {
    items(condition[key]).forEach((c, i) => conditionWarnings(c, [...path, key, i], properties, warnings));
  }
  if ('not' in condition) conditionWarnings(condition.not, [...path, 'not'], properties, warnings);
  if (typeof condition.property !== 'string') return;
  const type = properties.get(condition.property);
  if (type === undefined) {
    const close = nearest(condition.property, [...properties.keys()], 2);
    const hint = close ? ` (did you mean "${close}"?)` : '';
    warnings.push({ path: [...path, 'property'], message: `this portal has no contact property "${condition.property}": its value is always unknown${hint}` });
  } else if (typeof condition.op === 'string' && NUMERIC_OPS.has(condition.op) && NON_NUMERIC_TYPES.has(type)) {
    warnings.push({ path: [...path, 'op'], message: `"${condition.op}" compares numbers, but "${condition.property}" is ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} property: this condition is never true` });
  }
}
