import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyRecord, encodeRecord } from '../../src/store/contact-record.js';
import { createContactStores } from '../../src/store/contact-stores.js';
import { appKeys } from '../../src/store/keys.js';
import { erasePortalKeys } from '../../src/store/portal-erasure.js';
import { recordLocation } from '../helpers/records.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

/**
 * Writes of a record are atomic against other processes: what was appended between the read and the write stays
 * (the write replaces exactly the bytes it read), a record rewritten meanwhile is read and changed again, and an
 * erased one is not brought back. The interleavings are forced by sending the other process' command on the same
 * connection from inside the change (Redis runs one connection's commands in order).
 */
const P = 3;
const now = 1_800_000_000_000;
const bounds = { maxAgeDays: 365, maxEvents: 50 };
let redis: Redis;
let prefix: string;
let stores: ReturnType<typeof createContactStores>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('records');
  stores = createContactStores({ redis, keys: appKeys(prefix), historyMax: 10, bounds });
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

const open = { type: 'email_open', at: now - 5_000 };
const click = { type: 'email_click', at: now - 1_000 };

describe('contact record writes', () => {
  it('keep events appended between their read and their write', async () => {
    await stores.ledger.append(P, new Map([['5', [open]]]), now);
    let calls = 0;
    await stores.records.update(P, ['5'], (_id, rec) => {
      if (calls++ === 0) {
        const tx = redis.multi();
        stores.ledger.queueAppendMany(tx, P, new Map([['5', [click]]]), now);
        void tx.exec();
      }
      return { ...rec!, nextChangeAt: now + 1 };
    });
    expect(calls).toBe(1);
    const rec = (await stores.records.read(P, ['5'])).get('5')!;
    expect(rec.ledger).toEqual([open, click]);
    expect(rec.nextChangeAt).toBe(now + 1);
  });

  it('read and change again a record another process rewrote meanwhile', async () => {
    await stores.ledger.append(P, new Map([['5', [open]]]), now);
    const { key, field } = recordLocation(appKeys(prefix), P, '5');
    let calls = 0;
    await stores.records.update(P, ['5'], (_id, rec) => {
      if (calls++ === 0) void redis.hset(key, field, encodeRecord({ ...emptyRecord(), ledger: [click] }, () => 0));
      return { ...rec!, nextChangeAt: now + 2 };
    });
    expect(calls).toBe(2);
    expect((await stores.records.read(P, ['5'])).get('5')).toMatchObject({ ledger: [click], nextChangeAt: now + 2 });
  });

  it('do not bring back a record erased meanwhile', async () => {
    await stores.ledger.append(P, new Map([['5', [open]]]), now);
    const { key, field } = recordLocation(appKeys(prefix), P, '5');
    await stores.records.update(P, ['5'], (_id, rec) => {
      void redis.hdel(key, field);
      return { ...rec!, nextChangeAt: now + 3 };
    });
    expect((await stores.records.read(P, ['5'])).get('5')).toBeNull();
  });

  it('allocate the dictionary again after the portal was erased, not reusing codes this process had cached', async () => {
    const keys = appKeys(prefix);
    const write = () => stores.scores.write(P, [{ contactId: '5', changed: true, score: { modelId: 'm', version: 1, scoredAt: now, inScope: true, summary: { total: 1, fit: 2, engagement: 0, grade: 'B', stage: 'Warm' }, outputs: { grade: 'B' } } }], new Map());
    await stores.ledger.append(P, new Map([['5', [{ type: 'page_view', at: now - 1, url: '/a' }]]]), now);
    await write();
    await erasePortalKeys(redis, keys, P);
    // The same strings again: every one is in this process' cache, none in Redis any more.
    await stores.ledger.append(P, new Map([['5', [{ type: 'page_view', at: now - 1, url: '/a' }]]]), now);
    await write();
    const cold = createContactStores({ redis, keys, historyMax: 10, bounds });
    expect((await cold.records.read(P, ['5'])).get('5')).toMatchObject({
      ledger: [{ type: 'page_view', at: now - 1, url: '/a' }],
      scores: [{ summary: { grade: 'B', stage: 'Warm' }, outputs: { grade: 'B' } }],
    });
  });
});
