import { z } from 'zod';

/**
 * CRM search semantics: filter groups are ORed, the filters inside a group ANDed; values compare as numbers when
 * both sides are numbers, as instants when both are dates (epoch ms or ISO 8601), else as case-insensitive
 * strings. A record without the property matches only the negative operators and NOT_HAS_PROPERTY.
 */
export const OPERATORS = ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] as const;

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
export const FilterSchema = z.object({
  propertyName: z.string().min(1),
  operator: z.enum(OPERATORS),
  value: Scalar.optional(),
  highValue: Scalar.optional(),
  values: z.array(Scalar).optional(),
});
export type Filter = z.output<typeof FilterSchema>;
export type FilterGroup = { filters: Filter[] };
export type Sort = { propertyName: string; direction: 'ASCENDING' | 'DESCENDING' };

type Comparable = { kind: 'number' | 'string'; v: number | string };

function comparable(s: string): Comparable {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return { kind: 'number', v: Number(t) };
  if (/^\d{4}-\d{2}-\d{2}/.test(t) && Number.isFinite(Date.parse(t))) return { kind: 'number', v: Date.parse(t) };
  return { kind: 'string', v: t.toLowerCase() };
}

/** Orders two values the way search does; mixed kinds fall back to string order. */
export function compareValues(a: string, b: string): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x.kind === 'number' && y.kind === 'number') return (x.v as number) - (y.v as number);
  const s = a.trim().toLowerCase();
  const t = b.trim().toLowerCase();
  return s < t ? -1 : s > t ? 1 : 0;
}

function tokens(value: string): string[] {
  return value.toLowerCase().split(/[^a-z0-9@.*_-]+/).filter(Boolean);
}

function containsToken(value: string, needle: string): boolean {
  const n = needle.toLowerCase();
  if (n.includes('*')) {
    const re = new RegExp(`^${n.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return re.test(value.toLowerCase()) || tokens(value).some((t) => re.test(t));
  }
  return tokens(value).includes(n) || value.toLowerCase() === n;
}

export function matchesFilter(value: string | null, f: Filter): boolean {
  const known = value !== null && value !== '';
  const v = value ?? '';
  const arg = f.value ?? '';
  switch (f.operator) {
    case 'HAS_PROPERTY': return known;
    case 'NOT_HAS_PROPERTY': return !known;
    case 'NEQ': return !known || compareValues(v, arg) !== 0;
    case 'NOT_IN': return !known || !(f.values ?? []).some((x) => compareValues(v, x) === 0);
    case 'NOT_CONTAINS_TOKEN': return !known || !containsToken(v, arg);
    default: break;
  }
  if (!known) return false;
  switch (f.operator) {
    case 'EQ': return compareValues(v, arg) === 0;
    case 'LT': return compareValues(v, arg) < 0;
    case 'LTE': return compareValues(v, arg) <= 0;
    case 'GT': return compareValues(v, arg) > 0;
    case 'GTE': return compareValues(v, arg) >= 0;
    case 'BETWEEN': return compareValues(v, arg) >= 0 && compareValues(v, f.highValue ?? arg) <= 0;
    case 'IN': return (f.values ?? []).some((x) => compareValues(v, x) === 0);
    case 'CONTAINS_TOKEN': return containsToken(v, arg);
    default: return false;
  }
}

/** True when any group's filters all hold (no groups: everything matches). */
export function matchesGroups(get: (name: string) => string | null, groups: FilterGroup[]): boolean {
  if (groups.length === 0) return true;
  return groups.some((g) => g.filters.every((f) => matchesFilter(get(f.propertyName), f)));
}

/** `"-createdate"` / `"createdate"` / `{propertyName, direction}` → a sort. */
export function parseSort(raw: string | { propertyName: string; direction?: string }): Sort {
  if (typeof raw === 'string') {
    return raw.startsWith('-') ? { propertyName: raw.slice(1), direction: 'DESCENDING' } : { propertyName: raw, direction: 'ASCENDING' };
  }
  return { propertyName: raw.propertyName, direction: raw.direction === 'DESCENDING' ? 'DESCENDING' : 'ASCENDING' };
}
