import { describe, expect, it } from 'vitest';
import { DAY_MS, NOW, daysAgo, eventRuleModel, score } from './helpers.js';

const view = (days: number, url = 'https://acme.io/pricing') => ({ type: 'page_view', at: daysAgo(days), url });

describe('event rules and decay', () => {
  it('without decay, each matching event gives its points', () => {
    // 3 events × 10 = 30
    const r = score(eventRuleModel({}), {}, [view(1), view(5), view(400)]);
    expect(r.engagement).toBe(30);
    expect(r.breakdown[0]).toMatchObject({ ruleId: 'r', points: 30, undecayed: null, matched: { kind: 'events', count: 3, newestAt: NOW - DAY_MS } });
  });

  it('linear decay gives points × max(0, 1 − age/D)', () => {
    const m = eventRuleModel({ decay: { kind: 'linear', days: 10 } });
    expect(score(m, {}, [view(5)]).unrounded.engagement).toBe(5); // 10 × (1 − 5/10)
    expect(score(m, {}, [view(2.5)]).unrounded.engagement).toBe(7.5); // 10 × (1 − 2.5/10)
    const expired = score(m, {}, [view(10)]); // 10 × (1 − 10/10) = 0: the event no longer counts
    expect(expired.engagement).toBe(0);
    expect(expired.breakdown).toEqual([]);
  });

  it('half-life decay gives points × 0.5^(age/H)', () => {
    const m = eventRuleModel({ decay: { kind: 'halfLife', days: 7 } });
    expect(score(m, {}, [view(7)]).unrounded.engagement).toBe(5); // 10 × 0.5^1
    expect(score(m, {}, [view(14)]).unrounded.engagement).toBe(2.5); // 10 × 0.5^2
    const r = score(m, {}, [view(3.5)]); // 10 × 0.5^0.5 = 7.0710678…
    expect(r.unrounded.engagement).toBeCloseTo(7.0710678, 6);
    expect(r.engagement).toBe(7);
    expect(r.breakdown[0]).toMatchObject({ points: 7.1, undecayed: 10 });
  });

  it('window decay counts an event in full up to D days old, then not at all', () => {
    const m = eventRuleModel({ decay: { kind: 'window', days: 30 } });
    expect(score(m, {}, [view(30)]).engagement).toBe(10); // age 30 ≤ 30
    expect(score(m, {}, [{ type: 'page_view', at: NOW - 30 * DAY_MS - 1 }]).engagement).toBe(0); // 1 ms past the window
  });

  it('decay kind none is the same as no decay', () => {
    expect(score(eventRuleModel({ decay: { kind: 'none' } }), {}, [view(100)]).engagement).toBe(10);
  });

  it('an event in the future has age 0', () => {
    const m = eventRuleModel({ decay: { kind: 'halfLife', days: 7 } });
    expect(score(m, {}, [view(-3)]).unrounded.engagement).toBe(10); // f(0) = 1
  });

  it('withinDays ignores events older than N days', () => {
    // ages 3 and 14 count (≤ 14), 15 does not: 2 × 10 = 20
    expect(score(eventRuleModel({ withinDays: 14 }), {}, [view(3), view(14), view(15)]).engagement).toBe(20);
  });

  it('sums decayed events before the rule cap, and the cap limits the sum', () => {
    const m = eventRuleModel({ points: 8, maxPoints: 24, decay: { kind: 'halfLife', days: 14 } });
    // 8 × (1 + 0.5 + 0.25) = 14: under the cap
    expect(score(m, {}, [view(0), view(14), view(28)]).unrounded.engagement).toBe(14);
    // 5 fresh events: 5 × 8 = 40, capped at 24
    const r = score(m, {}, [view(0), view(0), view(0), view(0), view(0)]);
    expect(r.engagement).toBe(24);
    expect(r.breakdown[0]).toMatchObject({ points: 24, undecayed: null, matched: { count: 5, beforeCap: 40 } });
    expect(r.adjustments).toEqual([]);
  });

  it('caps a negative rule at −maxPoints', () => {
    const m = eventRuleModel({ points: -10, maxPoints: 20 }, { fit: { groups: [{ id: 'f', label: 'F', rules: [{ id: 'base', label: 'Base', points: 50, when: { property: 'x', op: 'unknown' } }] }] } });
    // 3 × −10 = −30, capped at −20; engagement floors at 0: −20 → 0
    const r = score(m, {}, [view(1), view(2), view(3)]);
    expect(r.breakdown.find((b) => b.ruleId === 'r')).toMatchObject({ points: -20, matched: { beforeCap: -30 } });
    expect(r.engagement).toBe(0);
  });

  it('reports what a decayed, capped rule would give without decay', () => {
    const m = eventRuleModel({ points: 8, maxPoints: 24, decay: { kind: 'halfLife', days: 14 } });
    // 8×0.5^(7/14) + 8×0.5^(14/14) + 8×0.5^(21/14) + 8×0.5^2 = 5.657 + 4 + 2.828 + 2 = 14.485 → 14.5;
    // without decay 4 × 8 = 32, capped at 24
    const r = score(m, {}, [view(7), view(14), view(21), view(28)]);
    expect(r.breakdown[0]).toMatchObject({ points: 14.5, undecayed: 24, matched: { count: 4, beforeCap: 14.5 } });
  });

  it('matches the event type exactly and tests where on the event attributes case-insensitively', () => {
    const m = eventRuleModel({ event: { type: 'page_view', where: { property: 'url', op: 'contains', value: '/pricing' } } });
    const r = score(m, {}, [
      view(1, 'https://acme.io/PRICING?plan=pro'),
      view(1, 'https://acme.io/blog'),
      { type: 'form_submission', at: daysAgo(1), url: 'https://acme.io/pricing' },
      { type: 'Page_View', at: daysAgo(1), url: 'https://acme.io/pricing' },
    ]);
    expect(r.engagement).toBe(10);
  });

  it('ignores an event whose time cannot be read, and reads epoch ms', () => {
    const r = score(eventRuleModel({}), {}, [{ type: 'page_view', at: 'yesterday' }, { type: 'page_view', at: NOW - DAY_MS }]);
    expect(r.engagement).toBe(10);
  });

  it('tests event attributes with dates, numbers and lists', () => {
    const m = eventRuleModel({
      event: {
        type: 'email_click',
        where: { all: [{ property: 'sentAt', op: 'withinDays', value: 7 }, { property: 'position', op: 'lte', value: 3 }, { property: 'tags', op: 'in', value: ['promo'] }] },
      },
    });
    const click = (sentDaysAgo: number, position: unknown, tags: unknown) => ({ type: 'email_click', at: daysAgo(1), sentAt: NOW - sentDaysAgo * DAY_MS, position, tags });
    expect(score(m, {}, [click(2, 1, ['news', 'PROMO'])]).engagement).toBe(10);
    expect(score(m, {}, [click(2, '2', 'promo;news')]).engagement).toBe(10);
    expect(score(m, {}, [click(9, 1, ['promo'])]).engagement).toBe(0); // sent 9 days ago
    expect(score(m, {}, [click(2, 4, ['promo'])]).engagement).toBe(0); // position 4 > 3
    expect(score(m, {}, [click(2, 1, null)]).engagement).toBe(0); // no tags: unknown
  });
});
