import { describe, expect, it } from 'vitest';
import { LOOKAHEAD_MS } from '../../src/scoring/index.js';
import { DAY_MS, HOUR_MS, NOW, daysAgo, eventRuleModel, model, score } from './helpers.js';

const view = (days: number) => ({ type: 'page_view', at: daysAgo(days) });
const propertyRule = (when: object) => model({ fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'R', points: 10, when: when as never }] }] } });

describe('nextChangeAt', () => {
  it('is null when nothing depends on time', () => {
    expect(score(propertyRule({ property: 'jobtitle', op: 'known' }), { jobtitle: 'VP' }).nextChangeAt).toBeNull();
    expect(score(eventRuleModel({}), {}, [view(3)]).nextChangeAt).toBeNull(); // no decay, no window
    expect(score(eventRuleModel({ decay: { kind: 'halfLife', days: 7 } })).nextChangeAt).toBeNull(); // no events
  });

  it('is 1 ms after an event leaves its window', () => {
    // window 30 days, event 10 days old: counted until NOW + 20 days, gone 1 ms later
    expect(score(eventRuleModel({ decay: { kind: 'window', days: 30 } }), {}, [view(10)]).nextChangeAt).toBe(NOW + 20 * DAY_MS + 1);
  });

  it('is 1 ms after an event passes withinDays', () => {
    // withinDays 14, event 10 days old: gone at NOW + 4 days + 1 ms
    expect(score(eventRuleModel({ withinDays: 14 }), {}, [view(10)]).nextChangeAt).toBe(NOW + 4 * DAY_MS + 1);
  });

  it('finds when linear decay takes a rounded score across a half', () => {
    // 10 × (1 − t/10), t in days: engagement 10 until it drops below 9.5 at t = 0.5 day (12 h);
    // the total 0.5 × engagement crosses 4.5 only at t = 1 day
    const m = eventRuleModel({ decay: { kind: 'linear', days: 10 } });
    const r = score(m, {}, [view(0)]);
    const at = r.nextChangeAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(NOW + 12 * HOUR_MS);
    expect(at).toBeLessThanOrEqual(NOW + 12 * HOUR_MS + 1000);
    expect(score(m, {}, [view(0)], at).engagement).toBe(9);
    expect(score(m, {}, [view(0)], at - 1001).engagement).toBe(10);
  });

  it('finds when half-life decay takes a rounded score across a half', () => {
    // 20 × 0.5^(t/7) < 19.5 when t > 7 × log2(20/19.5) = 7 × 0.0365258 = 0.2556806 day = 22,090.8 s
    const m = eventRuleModel({ points: 20, decay: { kind: 'halfLife', days: 7 } });
    const exact = NOW + 7 * Math.log2(20 / 19.5) * DAY_MS;
    const at = score(m, {}, [view(0)]).nextChangeAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(Math.floor(exact));
    expect(at).toBeLessThanOrEqual(exact + 1000);
    expect(score(m, {}, [view(0)], at).engagement).toBe(19);
  });

  it('waits for a future event to start decaying', () => {
    // meeting in 3 days, 30 points, linear over 45 days: flat until NOW + 3 d, then 30 − (30/45)·t drops
    // below 29.5 at t = 0.75 day, so the change is at NOW + 3.75 days
    const m = eventRuleModel({ points: 30, event: { type: 'meeting_booked' }, decay: { kind: 'linear', days: 45 } });
    const at = score(m, {}, [{ type: 'meeting_booked', at: daysAgo(-3) }]).nextChangeAt ?? 0;
    expect(at).toBeGreaterThanOrEqual(NOW + 3.75 * DAY_MS);
    expect(at).toBeLessThanOrEqual(NOW + 3.75 * DAY_MS + 1000);
  });

  it('is 1 ms after a withinDays property condition stops holding', () => {
    // the date is 25 days old; "within 30 days" holds until NOW + 5 days
    const r = score(propertyRule({ property: 'hs_last_sales_activity_timestamp', op: 'withinDays', value: 30 }), { hs_last_sales_activity_timestamp: daysAgo(25) });
    expect(r.fit).toBe(10);
    expect(r.nextChangeAt).toBe(NOW + 5 * DAY_MS + 1);
  });

  it('is 1 ms after an olderThanDays property condition starts holding', () => {
    // created 5 days ago; "older than 7 days" from NOW + 2 days + 1 ms
    const r = score(propertyRule({ property: 'createdate', op: 'olderThanDays', value: 7 }), { createdate: String(NOW - 5 * DAY_MS) });
    expect(r.fit).toBe(0);
    expect(r.nextChangeAt).toBe(NOW + 2 * DAY_MS + 1);
  });

  it('names a re-check time one day ahead when slow decay changes nothing within a day', () => {
    // 10 × 0.5^(t/365) reaches 9.5 only after 365 × log2(10/9.5) = 27 days
    const r = score(eventRuleModel({ decay: { kind: 'halfLife', days: 365 } }), {}, [view(0)]);
    expect(r.nextChangeAt).toBe(NOW + LOOKAHEAD_MS);
  });

  it('is null when decay can no longer change a rounded output', () => {
    // 0.4 × 0.5^(t/7) stays under 0.5: engagement and total round to 0 for ever
    expect(score(eventRuleModel({ points: 0.4, decay: { kind: 'halfLife', days: 7 } }), {}, [view(0)]).nextChangeAt).toBeNull();
  });

  it('skips boundaries that change nothing and reports the first that does', () => {
    // rule capped at 10 with two 10-point events: the older one leaving its window (in 1 day) changes nothing,
    // the newer one leaving (in 5 days) drops engagement to 0
    const r = score(eventRuleModel({ maxPoints: 10, decay: { kind: 'window', days: 30 } }), {}, [view(29), view(25)]);
    expect(r.engagement).toBe(10);
    expect(r.nextChangeAt).toBe(NOW + 5 * DAY_MS + 1);
  });
});
