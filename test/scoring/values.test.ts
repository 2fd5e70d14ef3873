import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/scoring/dates.js';
import { itemsOf, numberOf, textOf } from '../../src/scoring/values.js';

describe('parseDate', () => {
  it('reads ISO 8601 date-times in UTC, with fractions and offsets', () => {
    expect(parseDate('2025-06-02T09:30:00Z')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0));
    expect(parseDate('2025-06-02T09:30:00.123Z')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0, 123));
    expect(parseDate('2025-06-02T09:30:00.123456Z')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0, 123)); // past ms: truncated
    expect(parseDate('2025-06-02T11:30:00+02:00')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0));
    expect(parseDate('2025-06-02T04:00:00-0530')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0));
    expect(parseDate('2025-06-02 09:30')).toBe(Date.UTC(2025, 5, 2, 9, 30, 0)); // no offset: UTC, on every machine
    expect(parseDate('2025-06-02')).toBe(Date.UTC(2025, 5, 2));
    expect(parseDate('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads epoch milliseconds as a number or a string of digits', () => {
    expect(parseDate(1748856600000)).toBe(1748856600000);
    expect(parseDate('1748856600000')).toBe(1748856600000);
    expect(parseDate(' 1748856600000 ')).toBe(1748856600000);
  });

  it('rejects what is not a date', () => {
    for (const bad of ['', 'yesterday', '2025-13-01', '2025-02-30', '2023-02-29', '2025-06-02T24:00:00Z', '2025-06-02T09:30:00+25:00', '06/02/2025', 'Jun 2 2025', '2025-06-02T09:30:00ZZ']) {
      expect(parseDate(bad), bad).toBeNaN();
    }
    expect(parseDate(Number.NaN)).toBeNaN();
    expect(parseDate(null)).toBeNaN();
    expect(parseDate({})).toBeNaN();
  });
});

describe('values', () => {
  it('textOf trims, and treats empty, blank, null and objects as unknown', () => {
    expect(textOf('  VP  ')).toBe('VP');
    expect(textOf('')).toBeNull();
    expect(textOf(' \t')).toBeNull();
    expect(textOf(null)).toBeNull();
    expect(textOf(undefined)).toBeNull();
    expect(textOf({ a: 1 })).toBeNull();
    expect(textOf(42)).toBe('42');
    expect(textOf(true)).toBe('true');
    expect(textOf(['a', 'b'])).toBe('a;b');
  });

  it('numberOf reads plain decimals only', () => {
    expect(numberOf('250')).toBe(250);
    expect(numberOf('-3.5')).toBe(-3.5);
    expect(numberOf('+7')).toBe(7);
    expect(numberOf('.5')).toBe(0.5);
    expect(numberOf('1e3')).toBe(1000);
    for (const bad of ['', '0x10', 'Infinity', '1,000', '12 employees', 'NaN']) expect(numberOf(bad), bad).toBeNaN();
  });

  it('itemsOf splits a multi-select value into trimmed non-empty items', () => {
    expect(itemsOf('a;b;c')).toEqual(['a', 'b', 'c']);
    expect(itemsOf(' a ; ;b;')).toEqual(['a', 'b']);
    expect(itemsOf('single value')).toEqual(['single value']);
  });
});
