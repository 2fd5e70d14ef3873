import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/scoring/index.js';
import { DAY_MS, NOW, holds } from './helpers.js';

const p = 'p';

describe('condition operators', () => {
  it('known is true for a present value and false for absent, null, empty or blank', () => {
    expect(holds({ property: p, op: 'known' }, 'x')).toBe(true);
    expect(holds({ property: p, op: 'known' }, undefined)).toBe(false);
    expect(holds({ property: p, op: 'known' }, null)).toBe(false);
    expect(holds({ property: p, op: 'known' }, '')).toBe(false);
    expect(holds({ property: p, op: 'known' }, '   ')).toBe(false);
  });

  it('unknown is true exactly when the value is absent or empty', () => {
    expect(holds({ property: p, op: 'unknown' }, undefined)).toBe(true);
    expect(holds({ property: p, op: 'unknown' }, ' ')).toBe(true);
    expect(holds({ property: p, op: 'unknown' }, 'x')).toBe(false);
  });

  it('eq compares trimmed strings case-insensitively', () => {
    const c: Condition = { property: p, op: 'eq', value: 'VP' };
    expect(holds(c, 'vp')).toBe(true);
    expect(holds(c, '  Vp ')).toBe(true);
    expect(holds(c, 'VP of Sales')).toBe(false);
    expect(holds(c, null)).toBe(false);
  });

  it('eq with a number compares numerically', () => {
    const c: Condition = { property: p, op: 'eq', value: 500 };
    expect(holds(c, '500')).toBe(true);
    expect(holds(c, '500.0')).toBe(true);
    expect(holds(c, '5e2')).toBe(true);
    expect(holds(c, 'five hundred')).toBe(false);
    expect(holds(c, undefined)).toBe(false);
  });

  it('neq is the negation of eq and true on an unknown value', () => {
    expect(holds({ property: p, op: 'neq', value: 'cto' }, 'CTO')).toBe(false);
    expect(holds({ property: p, op: 'neq', value: 'cto' }, 'CEO')).toBe(true);
    expect(holds({ property: p, op: 'neq', value: 'cto' }, undefined)).toBe(true);
    expect(holds({ property: p, op: 'neq', value: 500 }, '500')).toBe(false);
    expect(holds({ property: p, op: 'neq', value: 500 }, '501')).toBe(true);
    expect(holds({ property: p, op: 'neq', value: 500 }, 'n/a')).toBe(true);
    expect(holds({ property: p, op: 'neq', value: 500 }, '')).toBe(true);
  });

  it('in matches any listed value case-insensitively and reads a multi-select as its items', () => {
    const c: Condition = { property: p, op: 'in', value: ['Software', 'Internet'] };
    expect(holds(c, 'software')).toBe(true);
    expect(holds(c, 'Retail')).toBe(false);
    expect(holds(c, 'soft')).toBe(false);
    expect(holds(c, 'Retail;INTERNET')).toBe(true);
    expect(holds(c, ' retail ; internet ;')).toBe(true);
    expect(holds(c, 'Retail;Education')).toBe(false);
    expect(holds(c, null)).toBe(false);
  });

  it('notIn is true when no item is listed, and on an unknown value', () => {
    const c: Condition = { property: p, op: 'notIn', value: ['customer', 'evangelist'] };
    expect(holds(c, 'Customer')).toBe(false);
    expect(holds(c, 'lead')).toBe(true);
    expect(holds(c, 'lead;customer')).toBe(false);
    expect(holds(c, undefined)).toBe(true);
  });

  it('contains and notContains test substrings case-insensitively', () => {
    expect(holds({ property: p, op: 'contains', value: 'student' }, 'Marketing STUDENT')).toBe(true);
    expect(holds({ property: p, op: 'contains', value: 'student' }, 'Stud')).toBe(false);
    expect(holds({ property: p, op: 'contains', value: 'student' }, null)).toBe(false);
    expect(holds({ property: p, op: 'notContains', value: 'student' }, 'Marketing Student')).toBe(false);
    expect(holds({ property: p, op: 'notContains', value: 'student' }, 'CEO')).toBe(true);
    expect(holds({ property: p, op: 'notContains', value: 'student' }, '')).toBe(true);
  });

  it('startsWith and endsWith test a prefix and a suffix case-insensitively', () => {
    expect(holds({ property: p, op: 'startsWith', value: 'head' }, 'Head of Growth')).toBe(true);
    expect(holds({ property: p, op: 'startsWith', value: 'head' }, 'Team Head')).toBe(false);
    expect(holds({ property: p, op: 'startsWith', value: 'head' }, undefined)).toBe(false);
    expect(holds({ property: p, op: 'endsWith', value: '.edu' }, 'cs.MIT.EDU')).toBe(true);
    expect(holds({ property: p, op: 'endsWith', value: '.edu' }, 'edu.com')).toBe(false);
    expect(holds({ property: p, op: 'endsWith', value: '.edu' }, undefined)).toBe(false);
  });

  it('matches searches the value with a case-insensitive RE2 pattern', () => {
    expect(holds({ property: p, op: 'matches', value: '^(vp|director)\\b' }, 'VP Sales')).toBe(true);
    expect(holds({ property: p, op: 'matches', value: '^(vp|director)\\b' }, 'Senior VP')).toBe(false);
    expect(holds({ property: p, op: 'matches', value: '@(gmail|yahoo)\\.' }, 'jo@GMAIL.com')).toBe(true);
    expect(holds({ property: p, op: 'matches', value: '@(gmail|yahoo)\\.' }, 'jo@gmailer.com')).toBe(false);
    expect(holds({ property: p, op: 'matches', value: '.*' }, undefined)).toBe(false);
  });

  it('gt, gte, lt and lte compare numbers and are false for text', () => {
    expect(holds({ property: p, op: 'gt', value: 100 }, '150')).toBe(true);
    expect(holds({ property: p, op: 'gt', value: 100 }, '100')).toBe(false);
    expect(holds({ property: p, op: 'gte', value: 100 }, '100')).toBe(true);
    expect(holds({ property: p, op: 'gte', value: 100 }, '99.99')).toBe(false);
    expect(holds({ property: p, op: 'lt', value: 100 }, '99.5')).toBe(true);
    expect(holds({ property: p, op: 'lt', value: 100 }, '100')).toBe(false);
    expect(holds({ property: p, op: 'lte', value: 100 }, '100')).toBe(true);
    expect(holds({ property: p, op: 'lte', value: 100 }, '-5')).toBe(true);
    expect(holds({ property: p, op: 'gt', value: 0 }, 'many')).toBe(false);
    expect(holds({ property: p, op: 'lt', value: 0 }, '0x10')).toBe(false);
    expect(holds({ property: p, op: 'lt', value: 1000 }, undefined)).toBe(false);
  });

  it('between includes both ends and reads only plain decimals as numbers', () => {
    const c: Condition = { property: p, op: 'between', value: [50, 5000] };
    expect(holds(c, '50')).toBe(true);
    expect(holds(c, '5000')).toBe(true);
    expect(holds(c, ' 250 ')).toBe(true);
    expect(holds(c, '49')).toBe(false);
    expect(holds(c, '5001')).toBe(false);
    expect(holds(c, '1,000')).toBe(false);
    expect(holds(c, null)).toBe(false);
  });

  it('withinDays is true for a date at most N days before now, future dates included', () => {
    const c: Condition = { property: p, op: 'withinDays', value: 30 };
    expect(holds(c, new Date(NOW - 30 * DAY_MS).toISOString())).toBe(true); // age exactly 30 days
    expect(holds(c, new Date(NOW - 30 * DAY_MS - 1).toISOString())).toBe(false); // 1 ms older
    expect(holds(c, String(NOW - 29 * DAY_MS))).toBe(true); // epoch milliseconds, as HubSpot sends dates
    expect(holds(c, '2025-05-10')).toBe(true); // date only: 23 days before 2025-06-02
    expect(holds(c, '2025-04-01')).toBe(false); // 62 days
    expect(holds(c, '2025-07-01T00:00:00Z')).toBe(true); // in the future: age 0
    expect(holds(c, 'last week')).toBe(false);
    expect(holds(c, undefined)).toBe(false);
  });

  it('olderThanDays is true for a date more than N days before now', () => {
    const c: Condition = { property: p, op: 'olderThanDays', value: 30 };
    expect(holds(c, new Date(NOW - 30 * DAY_MS).toISOString())).toBe(false); // exactly 30: not more
    expect(holds(c, new Date(NOW - 31 * DAY_MS).toISOString())).toBe(true);
    expect(holds(c, '2025-07-01T00:00:00Z')).toBe(false); // future
    expect(holds(c, '')).toBe(false);
  });
});

describe('condition combinators', () => {
  const vp: Condition = { property: p, op: 'contains', value: 'vp' };
  const sales: Condition = { property: p, op: 'contains', value: 'sales' };

  it('all needs every part, any needs one, not inverts', () => {
    expect(holds({ all: [vp, sales] }, 'VP Sales')).toBe(true);
    expect(holds({ all: [vp, sales] }, 'VP Marketing')).toBe(false);
    expect(holds({ any: [vp, sales] }, 'VP Marketing')).toBe(true);
    expect(holds({ any: [vp, sales] }, 'CEO')).toBe(false);
    expect(holds({ not: vp }, 'CEO')).toBe(true);
    expect(holds({ not: { any: [vp, sales] } }, 'Sales rep')).toBe(false);
  });

  it('not of a leaf on an unknown value is true, since the leaf is false', () => {
    expect(holds({ not: vp }, undefined)).toBe(true);
  });
});
