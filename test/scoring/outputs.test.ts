import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countedPoints, modelProperties, outputProperties, outputPropertyDefinitions, parseModel, reasonOf, type BreakdownItem, type Model } from '../../src/scoring/index.js';
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

  it('lists the points as they count after a dimension cap, adding up to the capped score', () => {
    const capped = model({ fit: { groups: [{ id: 'g', label: 'G', rules: [
      { id: 'senior', label: 'Senior title', points: 45, when: always },
      { id: 'size', label: 'Company size', points: 35, when: always },
      { id: 'industry', label: 'Target industry', points: 30, when: always },
    ] }] } });
    const r = score(capped);
    // 45 + 35 + 30 = 110, cut to fit.max 100: each rule counts 100/110 of its points.
    expect(r.fit).toBe(100);
    expect(reasonOf(r.breakdown, r.adjustments)).toBe('Senior title +40.9; Company size +31.8; Target industry +27.3');
    expect(countedPoints(r.breakdown, r.adjustments).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
    expect(outputProperties(capped, r).lead_score_reason).toBe('Senior title +40.9; Company size +31.8; Target industry +27.3');
  });

  it('leaves out rules whose points the floor at 0 took away', () => {
    const floored = model({
      fit: { groups: [{ id: 'g', label: 'G', rules: [
        { id: 'student', label: 'Student', points: -40, when: always },
        { id: 'free_mail', label: 'Free email address', points: -15, when: always },
      ] }] },
      engagement: { groups: [{ id: 'e', label: 'E', rules: [{ id: 'pricing', label: 'Viewed pricing page', points: 8, event: { type: 'page_view' } }] }] },
    });
    const r = score(floored, {}, [{ type: 'page_view', at: daysAgo(1) }]);
    expect(r.fit).toBe(0);
    expect(reasonOf(r.breakdown)).toBe('Student -40; Free email address -15; Viewed pricing page +8');
    expect(reasonOf(r.breakdown, r.adjustments)).toBe('Viewed pricing page +8');
  });

  it('takes a group cap from the side that overshot and a floor from the negative rules only', () => {
    const mixed = model({ fit: { groups: [
      { id: 'web', label: 'Web', max: 30, rules: [
        { id: 'a', label: 'A', points: 20, when: always }, { id: 'b', label: 'B', points: 20, when: always }, { id: 'c', label: 'C', points: -5, when: always },
      ] },
      { id: 'neg', label: 'Neg', rules: [{ id: 'student', label: 'Student', points: -60, when: always }] },
    ] } });
    const r = score(mixed);
    // Web: 20 + 20 − 5 = 35 → 30 (A and B count 17.5 each, C −5); fit 30 − 60 = −30 → 0: the −65 of negatives counts −35.
    expect(r.fit).toBe(0);
    const counted = countedPoints(r.breakdown, r.adjustments);
    expect(counted.map((x) => Math.round(x * 100) / 100)).toEqual([17.5, 17.5, -2.69, -32.31]);
    expect(counted.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    expect(reasonOf(r.breakdown, r.adjustments)).toBe('Student -32.3; A +17.5; B +17.5');
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
