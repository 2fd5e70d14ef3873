import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/analysis/model-diff.js';
import { parseModel, type Model, type ModelInput } from '../../src/scoring/index.js';

function model(input: Partial<ModelInput>): Model {
  const parsed = parseModel({ id: 'inbound', name: 'Inbound', fit: { groups: [] }, engagement: { groups: [] }, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.model;
}

/*
 * Current:                                  Suggested:
 *   fit / role:  vp_title +15 (jobtitle ∋ vp) fit / role:     vp_title +22 (same condition)      → changed 15 → 22, by id
 *                student  −10 (eq Student)                    (none)                             → removed
 *   fit / size:  big_co   +20 (employees ≥ 500) fit / company: large +20 (same condition, keys     → same points, paired by condition,
 *                                                               written in another order)          moved group, new label → changed
 *   eng / web:   pricing  +12 page_view /pricing, 30 days      pricing +12, page_view /pricing,   → changed: withinDays 30 → 14
 *                                                               14 days
 *                                             eng / email:    opened +5 email_open               → added
 * Stages: SQL 70 → 60, MQL 40 → 40, a new "Hot" 85; grades: A 75 → 80; weights 0.5/0.5 → 0.6/0.4.
 */
const current = model({
  fit: {
    groups: [
      { id: 'role', label: 'Role', rules: [
        { id: 'vp_title', label: 'VP title', points: 15, when: { property: 'jobtitle', op: 'contains', value: 'vp' } },
        { id: 'student', label: 'Student', points: -10, when: { property: 'jobtitle', op: 'eq', value: 'Student' } },
      ] },
      { id: 'size', label: 'Size', rules: [{ id: 'big_co', label: 'Big company', points: 20, when: { property: 'numberofemployees', op: 'gte', value: 500 } }] },
    ],
  },
  engagement: {
    groups: [{ id: 'web', label: 'Web', rules: [
      { id: 'pricing', label: 'Pricing page', points: 12, event: { type: 'page_view', where: { property: 'url', op: 'contains', value: '/pricing' } }, withinDays: 30 },
    ] }],
  },
  stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }],
});
const suggested = model({
  fit: {
    groups: [
      { id: 'role', label: 'Role', rules: [{ id: 'vp_title', label: 'VP title', points: 22, when: { property: 'jobtitle', op: 'contains', value: 'vp' } }] },
      { id: 'company', label: 'Company', rules: [{ id: 'large', label: '500+ employees', points: 20, when: { value: 500, op: 'gte', property: 'numberofemployees' } }] },
    ],
  },
  engagement: {
    groups: [
      { id: 'web', label: 'Web', rules: [
        { id: 'pricing', label: 'Pricing page', points: 12, event: { type: 'page_view', where: { property: 'url', op: 'contains', value: '/pricing' } }, withinDays: 14 },
      ] },
      { id: 'email', label: 'Email', rules: [{ id: 'opened', label: 'Opened an email', points: 5, event: { type: 'email_open' } }] },
    ],
  },
  total: { fitWeight: 0.6, engagementWeight: 0.4 },
  grades: {
    fit: [{ grade: 'A', min: 80 }, { grade: 'B', min: 50 }, { grade: 'C', min: 25 }, { grade: 'D', min: 0 }],
    engagement: [{ grade: '1', min: 75 }, { grade: '2', min: 50 }, { grade: '3', min: 25 }, { grade: '4', min: 0 }],
  },
  stages: [{ label: 'Hot', min: 85 }, { label: 'SQL', min: 60 }, { label: 'MQL', min: 40 }],
});

describe('diffModels', () => {
  const diff = diffModels(current, suggested);

  it('pairs rules by id, then by an identical condition, and lists removed then added rules', () => {
    expect(diff.rules).toEqual([
      { change: 'changed', matchedBy: 'id', dimension: 'fit', groupLabel: 'Role', ruleId: 'vp_title', label: 'VP title', currentPoints: 15, suggestedPoints: 22, details: [] },
      { change: 'removed', matchedBy: null, dimension: 'fit', groupLabel: 'Role', ruleId: 'student', label: 'Student', currentPoints: -10, suggestedPoints: null, details: [] },
      {
        change: 'changed', matchedBy: 'condition', dimension: 'fit', groupLabel: 'Company', ruleId: 'large', label: '500+ employees', currentPoints: 20, suggestedPoints: 20,
        details: ['label was "Big company"', 'moved from group "Size" to "Company"'],
      },
      { change: 'changed', matchedBy: 'id', dimension: 'engagement', groupLabel: 'Web', ruleId: 'pricing', label: 'Pricing page', currentPoints: 12, suggestedPoints: 12, details: ['withinDays 30 → 14'] },
      { change: 'added', matchedBy: null, dimension: 'engagement', groupLabel: 'Email', ruleId: 'opened', label: 'Opened an email', currentPoints: null, suggestedPoints: 5, details: [] },
    ]);
    expect(diff.summary).toEqual({ added: 1, removed: 1, changed: 3, same: 0 });
  });

  it('compares stages and grade bands by label, and the weights', () => {
    expect(diff.stages).toEqual([
      { label: 'SQL', current: 70, suggested: 60, change: 'changed' },
      { label: 'MQL', current: 40, suggested: 40, change: 'same' },
      { label: 'Hot', current: null, suggested: 85, change: 'added' },
    ]);
    expect(diff.grades.fit[0]).toEqual({ label: 'A', current: 75, suggested: 80, change: 'changed' });
    expect(diff.grades.engagement.every((g) => g.change === 'same')).toBe(true);
    expect(diff.weights).toEqual({ current: { fitWeight: 0.5, engagementWeight: 0.5 }, suggested: { fitWeight: 0.6, engagementWeight: 0.4 }, changed: true });
  });

  it('reports a model compared with itself as all the same', () => {
    const same = diffModels(current, current);
    expect(same.summary).toEqual({ added: 0, removed: 0, changed: 0, same: 4 });
    expect(same.stages.map((s) => s.change)).toEqual(['same', 'same']);
    expect(same.weights.changed).toBe(false);
  });

  it('says when a rule kept its id but tests something else or moved dimension', () => {
    const moved = model({
      fit: { groups: [] },
      engagement: { groups: [{ id: 'role', label: 'Role', rules: [{ id: 'vp_title', label: 'VP title', points: 15, when: { property: 'jobtitle', op: 'contains', value: 'director' } }] }] },
    });
    const d = diffModels(current, moved);
    expect(d.rules[0]).toMatchObject({ change: 'changed', matchedBy: 'id', dimension: 'engagement', details: ['moved from fit to engagement', 'condition changed'] });
  });
});
