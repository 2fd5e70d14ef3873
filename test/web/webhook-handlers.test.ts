import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/signals/index.js';
import type { SignalBatch } from '../../src/store/signal-batch.js';
import { applyEvents } from '../../src/web/webhooks/webhook-handlers.js';
import { parseWebhookBatch, type ParsedEvent } from '../../src/web/webhooks/webhook-schema.js';
import { fixture } from '../pipeline/helpers/harness.js';

/** Records what the handlers ask of the batch (the store's behaviour has its own tests on Redis). */
function recordingBatch() {
  const calls: unknown[][] = [];
  const batch: SignalBatch = {
    record: (id: string, events: LedgerEvent[]) => void calls.push(['record', id, events]),
    touch: (id: string) => void calls.push(['touch', id]),
    erase: (id: string) => void calls.push(['erase', id]),
    merge: (survivor: string, merged: string[]) => void calls.push(['merge', survivor, merged]),
    marksDirty: () => false,
    commit: async () => ({ due: null, dirty: 0, erased: 0 }),
  };
  return { batch, calls };
}

function parsed(body: unknown): ParsedEvent[] {
  const r = parseWebhookBatch(body);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.events;
}

const ctx = (batch: SignalBatch) => ({ batch, isOwnProperty: (n: string) => n.startsWith('lead_score'), debug: () => undefined });

describe('webhook batch schema', () => {
  it('accepts HubSpot’s documented example batch (a property change and a creation)', () => {
    const doc = [
      { objectId: 1246965, propertyName: 'lifecyclestage', propertyValue: 'subscriber', changeSource: 'ACADEMY', eventId: 3816279340, subscriptionId: 25, portalId: 33, appId: 1160452, occurredAt: 1462216307945, subscriptionType: 'contact.propertyChange', attemptNumber: 0 },
      { objectId: 1246978, changeSource: 'IMPORT', eventId: 3816279480, subscriptionId: 22, portalId: 33, appId: 1160452, occurredAt: 1462216307945, subscriptionType: 'contact.creation', attemptNumber: 0 },
    ];
    expect(parsed(doc).map((e) => e.kind)).toEqual(['propertyChange', 'creation']);
  });

  it('accepts the recorded merge, association, restore and deletion events', () => {
    expect(parsed(fixture('webhooks/lifecycle-batch.json')).map((e) => e.kind)).toEqual([
      'merge', 'associationChange', 'associationChange', 'restore', 'deletion', 'privacyDeletion', 'associationChange',
    ]);
  });

  it('skips each malformed event, naming every missing or malformed field by its path, and keeps the valid ones', () => {
    const r = parseWebhookBatch([
      { eventId: 1, subscriptionId: 2, portalId: 3, appId: 4, occurredAt: 5, subscriptionType: 'contact.merge', attemptNumber: 0, mergedObjectIds: ['x'] },
      { eventId: 1, subscriptionId: 2, appId: 4, occurredAt: -1, subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 9 },
      { eventId: 1, subscriptionId: 2, portalId: 3, appId: 4, occurredAt: 5, subscriptionType: 'contact.creation', attemptNumber: 0, objectId: 9 },
    ]);
    if (!r.ok) throw new Error('an array is a batch');
    expect(r.skipped.map((s) => [s.index, s.portalId, s.issues.map((i) => i.path)])).toEqual([
      [0, 3, ['[0].primaryObjectId', '[0].mergedObjectIds[0]']],
      [1, null, ['[1].portalId', '[1].occurredAt']],
    ]);
    expect(r.events.map((e) => e.kind)).toEqual(['creation']);
  });

  it('refuses a body that is not an array as a whole', () => {
    expect(parseWebhookBatch({ events: [] })).toEqual({ ok: false, issues: [{ path: '', message: 'expected a JSON array of events' }] });
  });

  it('keeps events of unknown kinds as ignorable, not as errors', () => {
    const e = { eventId: 1, subscriptionId: 2, portalId: 3, appId: 4, occurredAt: 5, subscriptionType: 'conversation.newMessage', attemptNumber: 0, objectId: 6 };
    expect(parsed([e])).toEqual([{ kind: null, event: { ...e, objectId: '6' } }]);
  });
});

describe('webhook handlers', () => {
  it('turns lifecycle events into merge, touch and erase, each on the right contact', () => {
    const { batch, calls } = recordingBatch();
    applyEvents(parsed(fixture('webhooks/lifecycle-batch.json')), ctx(batch));
    expect(calls).toEqual([
      ['merge', '2201', ['2201', '2202']],
      // CONTACT_TO_COMPANY names the contact as `from`; COMPANY_TO_CONTACT as `to`.
      ['touch', '2203'],
      ['touch', '2203'],
      ['touch', '2204'],
      ['erase', '2205'],
      ['erase', '2206'],
      // A generic association event: the side whose type is 0-1 (contacts).
      ['touch', '2207'],
    ]);
  });

  it('takes the new record as the survivor when a merge created one', () => {
    const { batch, calls } = recordingBatch();
    const [merge] = fixture<Record<string, unknown>[]>('webhooks/lifecycle-batch.json');
    applyEvents(parsed([{ ...merge, newObjectId: 2299 }]), ctx(batch));
    expect(calls).toEqual([['merge', '2299', ['2201', '2202']]]);
  });

  it('ignores changes of the app’s own output properties, and applies events oldest first', () => {
    const { batch, calls } = recordingBatch();
    const base = { subscriptionId: 1, portalId: 3, appId: 4, subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: 7 };
    applyEvents(parsed([
      { ...base, eventId: 1, occurredAt: 2_000, propertyName: 'hs_lead_status', propertyValue: 'OPEN' },
      { ...base, eventId: 2, occurredAt: 3_000, propertyName: 'lead_score_stage', propertyValue: 'SQL' },
      { ...base, eventId: 3, occurredAt: 1_000, propertyName: 'jobtitle', propertyValue: 'CTO' },
    ]), ctx(batch));
    expect(calls).toEqual([
      ['record', '7', []],
      ['record', '7', [{ type: 'property_change', at: 2_000, property: 'hs_lead_status', value: 'OPEN' }]],
    ]);
  });

  it('leaves events about other object types alone', () => {
    const { batch, calls } = recordingBatch();
    const e = { eventId: 1, subscriptionId: 2, portalId: 3, appId: 4, occurredAt: 5, attemptNumber: 0, objectId: 6 };
    applyEvents(parsed([
      { ...e, subscriptionType: 'object.creation', objectTypeId: '0-2' },
      { ...e, subscriptionType: 'company.deletion' },
    ]), ctx(batch));
    expect(calls).toEqual([]);
  });
});
