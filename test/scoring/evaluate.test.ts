import { describe, expect, it } from 'vitest';
import { compileModel, evaluate } from '../../src/scoring/index.js';
import { daysAgo, model, score } from './helpers.js';

const always = { property: 'anything', op: 'unknown' } as const;
const rule = (id: string, points: number, when: object = always) => ({ id, label: `Rule ${id}`, points, when });
const fitOnly = (rules: object[], extra: object = {}) => model({ fit: { groups: [{ id: 'g', label: 'G', rules: rules as never }] }, ...extra });

describe('caps', () => {
  it('limits a group to [−max, max] and reports the cut as an adjustment', () => {
    const m = model({
      engagement: {
        groups: [{ id: 'email', label: 'Email', max: 15, rules: [{ id: 'click', label: 'Click', points: 5, event: { type: 'email_click' } }] }],
      },
    });
    // 4 clicks × 5 = 20, group max 15: −5
    const r = score(m, {}, [1, 2, 3, 4].map((d) => ({ type: 'email_click', at: daysAgo(d) })));
    expect(r.engagement).toBe(15);
    expect(r.breakdown.map((b) => b.points)).toEqual([20]);
    expect(r.adjustments).toEqual([{ dimension: 'engagement', groupId: 'email', label: 'Email', before: 20, after: 15, points: -5, unrounded: -5 }]);
  });

  it('limits a negative group sum to −max', () => {
    const m = model({ fit: { groups: [{ id: 'pos', label: 'Pos', rules: [rule('a', 40)] }, { id: 'neg', label: 'Neg', max: 10, rules: [rule('b', -30)] }] } });
    // 40 + max(−30, −10) = 30
    const r = score(m);
    expect(r.fit).toBe(30);
    expect(r.adjustments).toEqual([{ dimension: 'fit', groupId: 'neg', label: 'Neg', before: -30, after: -10, points: 20, unrounded: 20 }]);
  });

  it('limits a dimension to its max', () => {
    const m = fitOnly([rule('a', 30), rule('b', 35)], { fit: { max: 50, groups: [{ id: 'g', label: 'G', rules: [rule('a', 30), rule('b', 35)] }] } });
    // 30 + 35 = 65 → 50
    const r = score(m);
    expect(r.fit).toBe(50);
    expect(r.adjustments).toEqual([{ dimension: 'fit', groupId: null, label: 'Fit', before: 65, after: 50, points: -15, unrounded: -15 }]);
  });

  it('floors a dimension at 0', () => {
    // 20 − 45 = −25 → 0
    const r = score(fitOnly([rule('a', 20), rule('b', -45)]));
    expect(r.fit).toBe(0);
    expect(r.adjustments).toEqual([{ dimension: 'fit', groupId: null, label: 'Fit', before: -25, after: 0, points: 25, unrounded: 25 }]);
  });
});

describe('total, rounding, grades and stages', () => {
  it('weights the dimensions: 0.7 × 80 + 0.3 × 50 = 71', () => {
    const m = model({
      fit: { groups: [{ id: 'f', label: 'F', rules: [rule('a', 80)] }] },
      engagement: { groups: [{ id: 'e', label: 'E', rules: [rule('b', 50)] }] },
      total: { fitWeight: 0.7, engagementWeight: 0.3 },
    });
    expect(score(m).total).toBe(71);
  });

  it('uses 0.5 and 0.5 by default and rounds half away from zero: 0.5 × 45 + 0.5 × 20 = 32.5 → 33', () => {
    const m = model({ fit: { groups: [{ id: 'f', label: 'F', rules: [rule('a', 45)] }] }, engagement: { groups: [{ id: 'e', label: 'E', rules: [rule('b', 20)] }] } });
    const r = score(m);
    expect(r.unrounded.total).toBe(32.5);
    expect(r.total).toBe(33);
  });

  it('rounds dimension scores to integers: 44.5 → 45, 44.49 → 44', () => {
    expect(score(fitOnly([rule('a', 44.5)])).fit).toBe(45);
    expect(score(fitOnly([rule('a', 44.49)])).fit).toBe(44);
  });

  it('rounds breakdown points to one decimal, half away from zero, negatives included', () => {
    // 18.15 is 18.149999… in binary; half away from zero still gives 18.2
    expect(score(fitOnly([rule('a', 18.15)])).breakdown[0]?.points).toBe(18.2);
    const m = model({ engagement: { groups: [{ id: 'e', label: 'E', rules: [{ id: 'x', label: 'X', points: -0.5, event: { type: 't' }, decay: { kind: 'halfLife', days: 7 } }] }] } });
    // −0.5 × 0.5^(7/7) = −0.25 → −0.3; the dimension floors −0.25 to 0, an adjustment of +0.25 → +0.3
    const r = score(m, {}, [{ type: 't', at: daysAgo(7) }]);
    expect(r.breakdown[0]).toMatchObject({ points: -0.3, unrounded: -0.25 });
    expect(r.adjustments[0]).toMatchObject({ points: 0.3, unrounded: 0.25 });
    expect(r.engagement).toBe(0);
  });

  it('grades by the rounded scores: the first band whose min is at most the score', () => {
    const both = (fit: number, engagement: number) =>
      model({ fit: { groups: [{ id: 'f', label: 'F', rules: [rule('a', fit)] }] }, engagement: { groups: [{ id: 'e', label: 'E', rules: [rule('b', engagement)] }] } });
    expect(score(both(75, 50)).grade).toBe('A2');
    expect(score(both(74, 49)).grade).toBe('B3');
    expect(score(both(74.5, 24.4)).grade).toBe('A4'); // 74.5 rounds to 75; 24.4 to 24
    expect(score(both(0, 100)).grade).toBe('D1');
  });

  it('uses the model bands when given', () => {
    const m = fitOnly([rule('a', 60)], { grades: { fit: [{ grade: 'A+', min: 60 }, { grade: 'C', min: 0 }], engagement: [{ grade: '9', min: 0 }] } });
    expect(score(m).grade).toBe('A+9');
  });

  it('gives the first stage whose min the rounded total reaches, else none', () => {
    const stages = [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }];
    const withTotal = (fit: number) => score(fitOnly([rule('a', fit)], { stages, total: { fitWeight: 1, engagementWeight: 0 } }));
    expect(withTotal(70).stage).toBe('SQL');
    expect(withTotal(69.5).stage).toBe('SQL'); // total 69.5 rounds to 70
    expect(withTotal(69.4).stage).toBe('MQL');
    expect(withTotal(40).stage).toBe('MQL');
    expect(withTotal(39).stage).toBe('none');
    expect(score(fitOnly([rule('a', 100)])).stage).toBe('none'); // a model without stages
  });
});

describe('scope and the breakdown', () => {
  const m = model({
    fit: { groups: [{ id: 'role', label: 'Role', rules: [rule('vp', 30, { property: 'jobtitle', op: 'contains', value: 'vp' }), rule('size', 20, { all: [{ property: 'numberofemployees', op: 'gte', value: 50 }, { property: 'country', op: 'unknown' }] })] }] },
    engagement: { groups: [{ id: 'web', label: 'Web', rules: [{ id: 'pricing', label: 'Pricing', points: 8, event: { type: 'page_view' }, decay: { kind: 'halfLife', days: 7 } }] }] },
    scope: { property: 'lifecyclestage', op: 'notIn', value: ['customer', 'evangelist'] },
  });

  it('returns only inScope false for a contact outside the scope', () => {
    expect(evaluate(compileModel(m), { properties: { lifecyclestage: 'Customer', jobtitle: 'VP' }, events: [] }, Date.now())).toEqual({ inScope: false });
  });

  it('scores a contact with an unknown scope property, since notIn holds on unknown', () => {
    expect(score(m, { jobtitle: 'VP' }).fit).toBe(30);
  });

  it('lists the matched rules in model order with the values or events behind them', () => {
    const r = score(m, { jobtitle: ' VP Sales ', numberofemployees: '80', lifecyclestage: 'lead' }, [{ type: 'page_view', at: daysAgo(7) }]);
    // fit 30 + 20 = 50; engagement 8 × 0.5 = 4; total 0.5 × 50 + 0.5 × 4 = 27
    expect([r.fit, r.engagement, r.total]).toEqual([50, 4, 27]);
    expect(r.breakdown).toEqual([
      { dimension: 'fit', groupId: 'role', groupLabel: 'Role', ruleId: 'vp', label: 'Rule vp', points: 30, unrounded: 30, undecayed: null, matched: { kind: 'property', values: { jobtitle: 'VP Sales' } } },
      { dimension: 'fit', groupId: 'role', groupLabel: 'Role', ruleId: 'size', label: 'Rule size', points: 20, unrounded: 20, undecayed: null, matched: { kind: 'property', values: { numberofemployees: '80', country: null } } },
      { dimension: 'engagement', groupId: 'web', groupLabel: 'Web', ruleId: 'pricing', label: 'Pricing', points: 4, unrounded: 4, undecayed: 8, matched: { kind: 'events', count: 1, newestAt: Date.parse(daysAgo(7)), beforeCap: 4 } },
    ]);
  });

  it('does not modify its inputs', () => {
    const properties = { jobtitle: ' VP ', lifecyclestage: 'lead' };
    const events = [{ type: 'page_view', at: daysAgo(1) }];
    const snapshot = JSON.stringify({ properties, events });
    score(m, properties, events);
    expect(JSON.stringify({ properties, events })).toBe(snapshot);
  });
});
