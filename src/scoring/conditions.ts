import type { Condition, Leaf } from './condition-schema.js';
import { DAY_MS } from './dates.js';
import type { ValueReader } from './readers.js';
import { compileRegex } from './regex.js';

/** A compiled condition. */
export type Predicate<K> = (reader: ValueReader<K>) => boolean;

/** A `withinDays` / `olderThanDays` leaf: its truth flips `days` after the date, which `nextChangeAt` needs. */
export type DateLeaf<K> = { key: K; days: number };

export type CompiledCondition<K> = { test: Predicate<K>; dateLeaves: DateLeaf<K>[] };

/**
 * Compiles a condition into a closure, once per model version: values are lower-cased, `in` lists become Sets and
 * `matches` patterns RE2 programs here, so evaluation only compares. `keyOf` maps a property name to how the
 * reader addresses it.
 *
 * The unknown-value rule (SCORING-MODEL.md): a leaf on an unknown value is false for every operator except
 * `unknown`, `neq`, `notIn` and `notContains`, which are true.
 */
export function compileCondition<K>(condition: Condition, keyOf: (property: string) => K): CompiledCondition<K> {
  const dateLeaves: DateLeaf<K>[] = [];
  const test = compile(condition, keyOf, dateLeaves);
  return { test, dateLeaves };
}

function compile<K>(c: Condition, keyOf: (property: string) => K, dates: DateLeaf<K>[]): Predicate<K> {
  if ('all' in c) {
    const parts = c.all.map((x) => compile(x, keyOf, dates));
    return (r) => {
      for (const p of parts) if (!p(r)) return false;
      return true;
    };
  }
  if ('any' in c) {
    const parts = c.any.map((x) => compile(x, keyOf, dates));
    return (r) => {
      for (const p of parts) if (p(r)) return true;
      return false;
    };
  }
  if ('not' in c) {
    const inner = compile(c.not, keyOf, dates);
    return (r) => !inner(r);
  }
  return compileLeaf(c, keyOf(c.property), dates);
}

function compileLeaf<K>(leaf: Leaf, k: K, dates: DateLeaf<K>[]): Predicate<K> {
  switch (leaf.op) {
    case 'known':
      return (r) => r.text(k) !== null;
    case 'unknown':
      return (r) => r.text(k) === null;
    case 'eq': {
      const v = leaf.value;
      if (typeof v === 'number') return (r) => r.num(k) === v;
      const lv = v.trim().toLowerCase();
      return (r) => r.lower(k) === lv;
    }
    case 'neq': {
      const v = leaf.value;
      if (typeof v === 'number') return (r) => r.text(k) === null || r.num(k) !== v;
      const lv = v.trim().toLowerCase();
      return (r) => r.lower(k) !== lv;
    }
    case 'in': {
      const set = new Set(leaf.value.map((v) => v.trim().toLowerCase()));
      return (r) => anyIn(r, k, set);
    }
    case 'notIn': {
      const set = new Set(leaf.value.map((v) => v.trim().toLowerCase()));
      return (r) => r.lower(k) === null || !anyIn(r, k, set);
    }
    case 'contains': {
      const lv = leaf.value.toLowerCase();
      return (r) => r.lower(k)?.includes(lv) ?? false;
    }
    case 'notContains': {
      const lv = leaf.value.toLowerCase();
      return (r) => !(r.lower(k)?.includes(lv) ?? false);
    }
    case 'startsWith': {
      const lv = leaf.value.toLowerCase();
      return (r) => r.lower(k)?.startsWith(lv) ?? false;
    }
    case 'endsWith': {
      const lv = leaf.value.toLowerCase();
      return (r) => r.lower(k)?.endsWith(lv) ?? false;
    }
    case 'matches': {
      const re = compileRegex(leaf.value);
      return (r) => {
        const t = r.text(k);
        return t !== null && re.test(t);
      };
    }
    case 'gt': {
      const v = leaf.value;
      return (r) => r.num(k) > v;
    }
    case 'gte': {
      const v = leaf.value;
      return (r) => r.num(k) >= v;
    }
    case 'lt': {
      const v = leaf.value;
      return (r) => r.num(k) < v;
    }
    case 'lte': {
      const v = leaf.value;
      return (r) => r.num(k) <= v;
    }
    case 'between': {
      const [lo, hi] = leaf.value;
      return (r) => {
        const n = r.num(k);
        return n >= lo && n <= hi;
      };
    }
    case 'withinDays': {
      const days = leaf.value;
      dates.push({ key: k, days });
      return (r) => dateAgeDays(r.date(k), r.now) <= days;
    }
    case 'olderThanDays': {
      const days = leaf.value;
      dates.push({ key: k, days });
      return (r) => dateAgeDays(r.date(k), r.now) > days;
    }
  }
}

/** Whether the value, or one of its multi-select items, is in `set`. A plain value needs no split (the usual case). */
function anyIn<K>(r: ValueReader<K>, k: K, set: Set<string>): boolean {
  const lower = r.lower(k);
  if (lower === null) return false;
  if (lower.indexOf(';') < 0) return set.has(lower);
  for (const item of r.items(k) ?? []) if (set.has(item)) return true;
  return false;
}

/**
 * Age of a date in days at `now`; a date in the future has age 0 (as an event in the future does). NaN for an
 * unknown or unparsable date, which makes both comparisons false, as the unknown-value rule requires.
 */
export function dateAgeDays(date: number, now: number): number {
  if (date !== date) return NaN;
  return date >= now ? 0 : (now - date) / DAY_MS;
}
