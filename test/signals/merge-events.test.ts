import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventKey, ledgerEvent, parseEventKey } from '../../src/signals/ledger-event.js';
import { mergeEvents } from '../../src/signals/merge-events.js';
import { boundLedger, ledgerCutoff } from '../../src/signals/ledger-policy.js';

describe('eventKey', () => {
  it('is the same whatever the attribute order', () => {
    expect(eventKey({ type: 'x', at: 1, b: '2', a: '1' })).toBe(eventKey({ a: '1', at: 1, type: 'x', b: '2' }));
    expect(eventKey({ type: 'x', at: 1, b: '2', a: '1' })).toBe('{"type":"x","at":1,"a":"1","b":"2"}');
  });
  it('round-trips through parseEventKey', () => {
    fc.assert(fc.property(
      fc.string(), fc.nat(), fc.dictionary(fc.string().filter((k) => k !== 'type' && k !== 'at' && k !== '__proto__'), fc.string()),
      (type, at, attrs) => {
        const e = ledgerEvent(type, at, attrs);
        expect(parseEventKey(eventKey(e))).toEqual(e);
      },
    ));
  });
  it('rejects strings that are not events', () => {
    expect(parseEventKey('nope')).toBeNull();
    expect(parseEventKey('{"type":"x"}')).toBeNull();
    expect(parseEventKey('[1]')).toBeNull();
  });
});

describe('mergeEvents', () => {
  it('keeps each event once, oldest first', () => {
    const a = { type: 'email_open', at: 200 };
    const b = { type: 'email_click', at: 100 };
    expect(mergeEvents([a, b], [{ type: 'email_open', at: 200 }])).toEqual([b, a]);
  });
  it('collapses the same page view seen a few seconds apart through two sources', () => {
    const webhook = { type: 'page_view', at: 1_000_000, url: '/pricing' };
    const history = { type: 'page_view', at: 1_004_000, url: '/pricing' };
    const otherPage = { type: 'page_view', at: 1_002_000, url: '/blog' };
    expect(mergeEvents([webhook], [history, otherPage])).toEqual([webhook, otherPage]);
  });
  it('keeps two visits of one page that are far apart', () => {
    const first = { type: 'page_view', at: 0, url: '/pricing' };
    const second = { type: 'page_view', at: 11 * 60_000, url: '/pricing' };
    expect(mergeEvents([first, second])).toEqual([first, second]);
  });
  it('never collapses exactly dated events such as two opens minutes apart', () => {
    const first = { type: 'email_open', at: 0 };
    const second = { type: 'email_open', at: 60_000 };
    expect(mergeEvents([first, second])).toEqual([first, second]);
  });
  it('gives the same result whatever order events arrive in', () => {
    const ev = fc.record({ type: fc.constantFrom('page_view', 'email_open'), at: fc.nat(3_600_000), url: fc.constantFrom('/a', '/b') });
    fc.assert(fc.property(fc.array(ev), (events) => {
      expect(mergeEvents([...events].reverse())).toEqual(mergeEvents(events));
    }));
  });
});

describe('boundLedger', () => {
  const now = 100 * 86_400_000;
  it('drops events older than the age limit', () => {
    expect(ledgerCutoff(now, 30)).toBe(70 * 86_400_000);
    const old = { type: 'a', at: 69 * 86_400_000 };
    const fresh = { type: 'a', at: 71 * 86_400_000 };
    expect(boundLedger([old, fresh], now, { maxAgeDays: 30, maxEvents: 10 })).toEqual([fresh]);
  });
  it('keeps the newest events when over the count limit', () => {
    const events = [1, 2, 3, 4].map((d) => ({ type: 'a', at: (90 + d) * 86_400_000 }));
    expect(boundLedger(events, now, { maxAgeDays: 30, maxEvents: 2 })).toEqual(events.slice(2));
  });
});
