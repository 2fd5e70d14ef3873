import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEvent } from '../../src/signals/index.js';
import { createRecordStore } from '../../src/store/contact-records.js';
import { createDictionary } from '../../src/store/dictionary.js';
import { appKeys } from '../../src/store/keys.js';
import { createLedgerStore } from '../../src/store/ledger.js';
import { queueEraseContacts } from '../../src/store/contact-erasure.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';
import { zsetLedger } from '../helpers/zset-ledger.js';

/**
 * The packed ledger (inside the compact records) against the zset store it replaced, on random histories of
 * appends, merges and score-time compactions: duplicate deliveries, out-of-order arrival, events past the age and
 * count bounds, unicode and non-string attribute values, and a dictionary small enough to fill up (inline strings).
 */
const DAY = 86_400_000;
const T0 = 1_780_000_000_000;
const bounds = { maxAgeDays: 30, maxEvents: 4 };
const P = 11;
const CONTACTS = ['1', '2', '1025', 'x-é'];

let redis: Redis;
let prefix: string;
beforeAll(() => {
  redis = connect();
  prefix = uniquePrefix('packed-ledger');
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

const attrValue = fc.oneof(
  fc.constantFrom('/pricing', '/blog', 'Demo request', 'lead', 'customer'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(true, null, 2.5, '58', '2026-01-02T03:04:05.006Z'),
);
const event: fc.Arbitrary<LedgerEvent> = fc.record({
  type: fc.constantFrom('page_view', 'email_open', 'form_submission', 'property_change', 'événement'),
  // Few distinct times, so equal times (ordered by the canonical string's bytes) meet the count bound often.
  at: fc.tuple(fc.integer({ min: -36, max: 8 }), fc.constantFrom(0, 1, 999, 43_210_987)).map(([d, ms]) => T0 + d * DAY + ms),
  attrs: fc.dictionary(fc.constantFrom('url', 'form', 'property', 'value', 'ünïcode'), attrValue, { maxKeys: 3 }),
}).map(({ type, at, attrs }) => ({ ...attrs, type, at }));

type Op =
  | { kind: 'append'; byContact: [string, LedgerEvent[]][]; dt: number }
  | { kind: 'merge'; survivor: string; merged: string[]; dt: number }
  | { kind: 'compact'; ids: string[] };

const contact = fc.constantFrom(...CONTACTS);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), byContact: fc.array(fc.tuple(contact, fc.array(event, { maxLength: 5 })), { maxLength: 3 }), dt: fc.integer({ min: -DAY, max: 3 * DAY }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), survivor: contact, merged: fc.uniqueArray(contact, { maxLength: 2 }), dt: fc.integer({ min: 0, max: 5 * DAY }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('compact' as const), ids: fc.uniqueArray(contact, { minLength: 1 }) }) },
);

describe('packed ledger', () => {
  it('reads exactly what the zset store reads, after any history of appends, merges and compactions', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 12 }), fc.integer({ min: 1, max: 6 }), async (ops, dictMax) => {
      const runPrefix = `${prefix}:${run++}`;
      const keys = appKeys(runPrefix);
      const records = createRecordStore({ redis, keys, bounds, dict: createDictionary({ redis, keys, maxEntries: dictMax }) });
      const ledger = createLedgerStore({ records, bounds });
      const ref = zsetLedger(redis, runPrefix, bounds);
      let now = T0;
      for (const o of ops) {
        if (o.kind === 'append') {
          now += o.dt;
          const byContact = new Map<string, LedgerEvent[]>();
          for (const [id, evs] of o.byContact) byContact.set(id, [...(byContact.get(id) ?? []), ...evs]);
          // Webhook batches go through a MULTI; the worker's appends run alone: both paths, alternately.
          if (o.dt % 2 === 0) {
            const tx = redis.multi();
            ledger.queueAppendMany(tx, P, byContact, now);
            await tx.exec();
          } else {
            await ledger.append(P, byContact, now);
          }
          await ref.append(byContact, now);
        } else if (o.kind === 'merge') {
          now += o.dt;
          const losers = o.merged.filter((id) => id !== o.survivor);
          const tx = redis.multi();
          ledger.queueCarry(tx, P, o.survivor, losers, now);
          queueEraseContacts(tx, keys, P, losers);
          await tx.exec();
          await ref.carry(o.survivor, losers, now);
        } else {
          await records.update(P, o.ids, (_id, rec) => rec);
        }
      }
      const read = await ledger.read(P, CONTACTS);
      // Another process (its dictionary cache cold) reads the same.
      const cold = createLedgerStore({ bounds, records: createRecordStore({ redis, keys, bounds, dict: createDictionary({ redis, keys, maxEntries: dictMax }) }) });
      const coldRead = await cold.read(P, CONTACTS);
      for (const id of CONTACTS) {
        const expected = await ref.read(id);
        expect(read.get(id)).toEqual(expected);
        expect(coldRead.get(id)).toEqual(expected);
      }
      await dropPrefix(redis, runPrefix);
    }), { numRuns: 150 });
  });
});
