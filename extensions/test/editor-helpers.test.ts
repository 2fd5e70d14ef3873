import { describe, expect, it } from 'vitest';
import { niceTicks } from '../preview/components/charts.js';
import { idForLabel, slugOf } from '../src/settings/editor/defaults.js';
import { describeIssue } from '../src/settings/editor/issue-labels.js';
import { parseNumber } from '../src/settings/editor/NumberField.js';
import { operatorsFor } from '../src/settings/editor/operators.js';
import { plural } from '../src/settings/plural.js';
import { model } from './helpers/settings-fixtures.js';

describe('the editor helpers', () => {
  it('reads numbers as people type them and refuses anything else', () => {
    expect(['12', '-5', '0.5', '.5', '1,000', '\u221240', ' 7 '].map(parseNumber)).toEqual([12, -5, 0.5, 0.5, 1000, -40, 7]);
    expect(['lots', '', '12abc', '1,00', 'Infinity', '--1'].map(parseNumber)).toEqual([null, null, null, null, null, null]);
  });

  it('names where a problem is in labels, not JSON paths', () => {
    expect(describeIssue(model, { path: 'fit.groups[0].rules[0].points', message: 'must be a number' })).toBe('Role › VP title: points must be a number');
    expect(describeIssue(model, { path: 'fit.groups[0].rules[0].when.value', message: 'Expected a string' })).toBe('Role › VP title: value: Expected a string');
    expect(describeIssue(model, { path: 'engagement.groups[0].max', message: 'must be positive' })).toBe('Web activity: cap must be positive');
    expect(describeIssue(model, { path: 'stages[1].min', message: 'must be below SQL' })).toBe('Stages › MQL: from score must be below SQL');
    expect(describeIssue(model, { path: 'fit.max', message: 'must be positive' })).toBe('Fit: maximum must be positive');
    expect(describeIssue(model, { path: 'name', message: 'must not be empty' })).toBe('Name must not be empty');
  });

  it('derives ids from labels, unique in the model, and keeps ids set by hand', () => {
    expect(slugOf('Senior title (VP+)')).toBe('senior_title_vp');
    expect(slugOf('50–5,000 employees')).toBe('r_50_5_000_employees');
    expect(idForLabel(model, { id: 'rule_3', label: 'New rule' }, 'Role')).toBe('role_2');
    expect(idForLabel(model, { id: 'vp_title', label: 'VP title' }, 'Senior title')).toBe('senior_title');
    expect(idForLabel(model, { id: 'legacy_17', label: 'VP title' }, 'Senior title')).toBe('legacy_17');
  });

  it('offers the operators of a property type, always with the one in use', () => {
    expect(operatorsFor('datetime', 'withinDays').map((o) => o.value)).toEqual(['known', 'unknown', 'withinDays', 'olderThanDays']);
    expect(operatorsFor('bool', 'contains').map((o) => o.value)).toEqual(['known', 'unknown', 'eq', 'neq', 'contains']);
    expect(operatorsFor(undefined, 'eq')).toHaveLength(18);
  });

  it('counts with separators and agreeing plurals', () => {
    expect([plural(1, 'rule'), plural(2, 'rule'), plural(9244, 'contact'), plural(1, 'match', 'matches'), plural(0, 'problem')])
      .toEqual(['1 rule', '2 rules', '9,244 contacts', '1 match', '0 problems']);
  });

  it('labels a chart axis at round steps up to a round maximum', () => {
    expect(niceTicks(64)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(100)).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(2.57)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
