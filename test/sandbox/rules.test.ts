import { describe, expect, it } from 'vitest';
import { defaultProperties } from '../../src/sandbox/crm/default-properties.js';
import { PropertyRegistry } from '../../src/sandbox/crm/property-registry.js';
import { compareValues, matchesFilter, matchesGroups, parseSort, type Filter } from '../../src/sandbox/crm/search-filter.js';
import { routeOf } from '../../src/sandbox/http/request-log.js';

/** The sandbox's pure rules: search filter semantics, property write normalisation, log route keys. */
const f = (operator: Filter['operator'], value?: string, extra: Partial<Filter> = {}): Filter => ({ propertyName: 'p', operator, value, ...extra });

describe('search filters', () => {
  it('compares numbers numerically, dates as instants (ISO against epoch ms), and text case-insensitively', () => {
    expect(compareValues('9', '10')).toBeLessThan(0);
    expect(compareValues('2026-01-01T00:00:00.000Z', '1767225600000')).toBe(0);
    expect(compareValues('2026-01-02', '1767225600000')).toBeGreaterThan(0);
    expect(compareValues('Customer', 'customer')).toBe(0);
    expect(compareValues('apple', 'banana')).toBeLessThan(0);
  });

  it('applies each operator, with a missing value matching only the negative ones', () => {
    expect(matchesFilter('42', f('EQ', '42.0'))).toBe(true);
    expect(matchesFilter('42', f('GT', '41'))).toBe(true);
    expect(matchesFilter('42', f('LTE', '41'))).toBe(false);
    expect(matchesFilter('5', f('BETWEEN', '1', { highValue: '5' }))).toBe(true);
    expect(matchesFilter('lead', f('IN', undefined, { values: ['Customer', 'LEAD'] }))).toBe(true);
    expect(matchesFilter('https://x.example/pricing', f('CONTAINS_TOKEN', '*pricing'))).toBe(true);
    expect(matchesFilter('VP of Sales', f('CONTAINS_TOKEN', 'sales'))).toBe(true);
    expect(matchesFilter('VP of Sales', f('CONTAINS_TOKEN', 'sale'))).toBe(false);
    for (const op of ['EQ', 'GT', 'IN', 'CONTAINS_TOKEN', 'HAS_PROPERTY'] as const) expect(matchesFilter(null, f(op, 'x', { values: ['x'] }))).toBe(false);
    for (const op of ['NEQ', 'NOT_IN', 'NOT_CONTAINS_TOKEN', 'NOT_HAS_PROPERTY'] as const) expect(matchesFilter('', f(op, 'x', { values: ['x'] }))).toBe(true);
  });

  it('ORs filter groups and ANDs the filters inside one', () => {
    const values: Record<string, string> = { a: '1', b: '2' };
    const get = (n: string) => values[n] ?? null;
    const eq = (propertyName: string, value: string): Filter => ({ propertyName, operator: 'EQ', value });
    expect(matchesGroups(get, [{ filters: [eq('a', '1'), eq('b', '3')] }])).toBe(false);
    expect(matchesGroups(get, [{ filters: [eq('a', '1'), eq('b', '3')] }, { filters: [eq('b', '2')] }])).toBe(true);
    expect(matchesGroups(get, [])).toBe(true);
  });

  it('reads sorts written as "-name", "name" or objects', () => {
    expect(parseSort('-createdate')).toEqual({ propertyName: 'createdate', direction: 'DESCENDING' });
    expect(parseSort('createdate')).toEqual({ propertyName: 'createdate', direction: 'ASCENDING' });
    expect(parseSort({ propertyName: 'x', direction: 'DESCENDING' })).toEqual({ propertyName: 'x', direction: 'DESCENDING' });
  });
});

describe('property writes', () => {
  const { groups, defs } = defaultProperties(0).contacts;
  const registry = new PropertyRegistry(groups, [...defs, {
    ...defs.find((d) => d.name === 'lifecyclestage')!, name: 'colors', fieldType: 'checkbox', readOnlyValue: false, hubspotDefined: false,
    options: ['red', 'blue'].map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
  }]);

  it('stores datetimes as ISO 8601, numbers and booleans in canonical form, and "" as a clear', () => {
    expect(registry.normalize('recent_conversion_date', '1767225600000', true)).toEqual({ ok: true, value: '2026-01-01T00:00:00.000Z' });
    expect(registry.normalize('numberofemployees', ' 250.0 ')).toEqual({ ok: true, value: '250' });
    expect(registry.normalize('hs_email_optout', 'TRUE', true)).toEqual({ ok: true, value: 'true' });
    expect(registry.normalize('numberofemployees', '')).toEqual({ ok: true, value: '' });
  });

  it('refuses unknown and read-only properties, bad numbers and values outside the options', () => {
    const error = (name: string, raw: string) => {
      const r = registry.normalize(name, raw);
      return r.ok ? 'ok' : r.problem.error;
    };
    expect(error('nope', '1')).toBe('PROPERTY_DOESNT_EXIST');
    expect(error('hs_analytics_num_visits', '3')).toBe('READ_ONLY_VALUE');
    expect(error('numberofemployees', 'many')).toBe('INVALID_FLOAT');
    expect(error('lifecyclestage', 'champion')).toBe('INVALID_OPTION');
    expect(error('colors', 'red;blue')).toBe('ok');
    expect(error('colors', 'red;green')).toBe('INVALID_OPTION');
  });
});

describe('request log routes', () => {
  it('groups paths by endpoint', () => {
    expect(routeOf('/crm/v3/objects/contacts/1234')).toBe('/crm/v3/objects/contacts/{id}');
    expect(routeOf('/crm/v3/objects/contacts/batch/read')).toBe('/crm/v3/objects/contacts/batch/read');
    expect(routeOf('/crm/v3/properties/contacts/lead_score')).toBe('/crm/v3/properties/contacts/{propertyName}');
    expect(routeOf('/crm/v3/properties/contacts/groups')).toBe('/crm/v3/properties/contacts/groups');
    expect(routeOf('/crm/v3/properties/contacts/groups/lead_scoring')).toBe('/crm/v3/properties/contacts/groups/{groupName}');
  });
});
