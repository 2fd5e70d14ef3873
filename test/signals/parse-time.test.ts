import { describe, expect, it } from 'vitest';
import { parseTime } from '../../src/signals/parse-time.js';

describe('parseTime', () => {
  it('reads an epoch-ms string as webhooks send it', () => {
    expect(parseTime('1705312800000')).toBe(1705312800000);
  });
  it('reads an ISO datetime as the CRM API returns it', () => {
    expect(parseTime('2024-01-15T10:00:00.000Z')).toBe(1705312800000);
  });
  it('reads a date-only value as midnight UTC', () => {
    expect(parseTime('2024-01-15')).toBe(1705276800000);
  });
  it('reads a datetime without a zone as UTC', () => {
    expect(parseTime('2024-01-15T10:00:00')).toBe(1705312800000);
  });
  it('honours an explicit offset', () => {
    expect(parseTime('2024-01-15T12:00:00+02:00')).toBe(1705312800000);
  });
  it('returns null for empty, cleared and unreadable values', () => {
    expect(parseTime('')).toBeNull();
    expect(parseTime('  ')).toBeNull();
    expect(parseTime(null)).toBeNull();
    expect(parseTime(undefined)).toBeNull();
    expect(parseTime('yesterday')).toBeNull();
    expect(parseTime('2024-13-45')).toBeNull();
  });
});
