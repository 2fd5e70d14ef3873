import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modelProperties, outputProperties, outputPropertyDefinitions, parseModel, reasonOf, type BreakdownItem, type Model } from '../../src/scoring/index.js';
import { NOW, daysAgo, model, score } from './helpers.js';

const starterDoc = JSON.parse(readFileSync(new URL('../../examples/starter-model.json', import.meta.url), 'utf8')) as unknown;
const starter = (() => {
  const r = parseModel(starterDoc);
  if (!r.ok) throw new Error('starter model invalid');
  return r.model;
})();

const always = { property: 'x', op: 'unknown' } as const;
const m: Model = model({
  propertyPrefix: 'inbound',
  fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'vp', label: 'VP title', points: 15, when: always }, { id: 'student', label: 'Student', points: -20, when: always }, { id: 'size', label: 'Company size', points: 45, when: always }] }] },
  engagement: { groups: [{ id: 'e', label: 'E', rules: [{ id: 'pricing', label: 'Viewed pricing page', points: 24, event: { type: 'page_view' }, decay: { kind: 'halfLife', days: 14 } }] }] },
  stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }],
  scope: { property: 'lifecyclestage', op: 'neq', value: 'customer' },
});

describe('outputProperties', () => {
  it('writes the rounded figures, grade, stage, reason and time of a score', () => {
    // fit 15 − 20 + 45 = 40; engagement 24 × 0.5^(3/14) = 20.67 → 21; total 0.5 × 40 + 0.5 × 20.67 = 30.34 → 30
    const r = score(m, {}, [{ type: 'page_view', at: daysAgo(3) }]);
    expect(outputProperties(m, r, { inbound_stage: 'none' })).toEqual({
      inbound: '30',
      inbound_fit: '40',
      inbound_engagement: '21',
      inbound_grade: 'C4',
      inbound_stage: 'none',
      inbound_reason: 'Company size +45; Viewed pricing page +20.7; Student -20',
      inbound_updated_at: '2025-06-02T00:00:00.000Z',
    });
  });

  it('writes the stage change time only when the stage differs from the previous one', () => {
    const r = score(m);
    const at = new Date(NOW).toISOString();
    expect(outputProperties(m, r, { inbound_stage: 'MQL' }).inbound_stage_changed_at).toBe(at);
    expect(outputProperties(m, r).inbound_stage_changed_at).toBe(at);
    expect(outputProperties(m, r, { inbound_stage: 'none' })).not.toHaveProperty('inbound_stage_changed_at');
  });

  it('clears every output property of a contact out of scope', () => {
    expect(outputProperties(m, { inScope: false })).toEqual({
      inbound: '',
      inbound_fit: '',
      inbound_engagement: '',
      inbound_grade: '',
      inbound_stage: '',
      inbound_reason: '',
      inbound_updated_at: '',
      inbound_stage_changed_at: '',
    });
  });
});

describe('reasonOf', () => {
  const item = (label: string, points: number): BreakdownItem => ({
    dimension: 'fit', groupId: 'g', groupLabel: 'G', ruleId: label, label, points, unrounded: points, undecayed: null, matched: { kind: 'property', values: {} },
  });

  it('lists at most three contributors by absolute points, model order breaking ties, zeros left out', () => {
    expect(reasonOf([item('A', 5), item('B', -15), item('C', 0), item('D', 15), item('E', 18.2)])).toBe('E +18.2; B -15; D +15');
    expect(reasonOf([])).toBe('');
  });

  it('keeps the text under 250 characters', () => {
    const long = 'x'.repeat(80);
    expect(reasonOf([item(long, 3), item(long, 2), item(long, 1)]).length).toBeLessThanOrEqual(250);
  });
});

describe('outputPropertyDefinitions and modelProperties', () => {
  it('defines the eight output properties in the Lead scoring group', () => {
    const defs = outputPropertyDefinitions(starter);
    expect(defs.map((d) => [d.name, d.type, d.fieldType])).toEqual([
      ['lead_score', 'number', 'number'],
      ['lead_score_fit', 'number', 'number'],
      ['lead_score_engagement', 'number', 'number'],
      ['lead_score_grade', 'enumeration', 'select'],
      ['lead_score_stage', 'enumeration', 'select'],
      ['lead_score_reason', 'string', 'text'],
      ['lead_score_updated_at', 'datetime', 'date'],
      ['lead_score_stage_changed_at', 'datetime', 'date'],
    ]);
    expect(new Set(defs.map((d) => d.groupName))).toEqual(new Set(['lead_scoring']));
    const grade = defs.find((d) => d.name === 'lead_score_grade');
    expect(grade?.options?.map((o) => o.value)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'C4', 'D1', 'D2', 'D3', 'D4']);
    expect(defs.find((d) => d.name === 'lead_score_stage')?.options?.map((o) => o.value)).toEqual(['SQL', 'MQL', 'none']);
  });

  it('lists every contact property the starter model reads, scope included', () => {
    expect(modelProperties(starter)).toEqual(['company', 'email', 'hs_email_domain', 'industry', 'jobtitle', 'lifecyclestage', 'numberofemployees']);
  });
});
