import { createContactStores } from '../../src/store/contact-stores.js';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirtyStore } from '../../src/store/dirty.js';
import { appKeys, type AppKeys } from '../../src/store/keys.js';
import { createSignalBatch } from '../../src/store/signal-batch.js';
import { hasRecord } from '../helpers/records.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const P = 5;
const now = 1_000_000_000_000;
let redis: Redis;
let prefix: string;
let keys: AppKeys;
let deps: Parameters<typeof createSignalBatch>[0];
let stores: ReturnType<typeof createContactStores>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('batch');
  keys = appKeys(prefix);
  stores = createContactStores({ redis, keys, historyMax: 10, bounds: { maxAgeDays: 365, maxEvents: 100 } });
  deps = {
    redis, keys,
    ledger: stores.ledger,
    dirty: createDirtyStore({ redis, keys, settleMs: 2_000, leaseMs: 10_000 }),
  };
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

const k = () => keys.portal(P);

describe('a webhook signal batch', () => {
  it('records events and marks contacts dirty in one transaction, returning the window end', async () => {
    const b = createSignalBatch(deps, P, now);
    b.record('1', [{ type: 'email_click', at: now - 10 }]);
    b.touch('2');
    expect(await b.commit()).toEqual({ due: now + 2_000, dirty: 2, erased: 0 });
    expect(await redis.zrange(k().dirty, '0', '-1')).toEqual(['1', '2']);
    expect((await stores.ledger.read(P, ['1'])).get('1')).toEqual([{ type: 'email_click', at: now - 10 }]);
  });

  it('says whether its commit will mark any contact dirty (a batch of deletions only will not)', async () => {
    const erasing = createSignalBatch(deps, P, now);
    erasing.erase('7');
    expect(erasing.marksDirty()).toBe(false);
    expect(await erasing.commit()).toMatchObject({ due: null, dirty: 0 });
    const touching = createSignalBatch(deps, P, now);
    touching.touch('8');
    expect(touching.marksDirty()).toBe(true);
    expect(await touching.commit()).toMatchObject({ dirty: 1 });
  });

  it('carries the merged contacts’ ledgers to the survivor and erases the merged contacts', async () => {
    const setup = createSignalBatch(deps, P, now);
    setup.record('10', [{ type: 'page_view', at: now - 50, url: '/a' }]);
    setup.record('11', [{ type: 'meeting_booked', at: now - 40 }]);
    await setup.commit();
    await stores.scores.write(P, [{ contactId: '11', changed: true, score: { modelId: 'starter', version: 1, scoredAt: now, inScope: false, summary: null, outputs: {} } }], new Map());

    const b = createSignalBatch(deps, P, now + 1);
    b.merge('10', ['10', '11']);
    expect(await b.commit()).toMatchObject({ dirty: 1, erased: 1 });
    expect((await stores.ledger.read(P, ['10'])).get('10')).toEqual([
      { type: 'page_view', at: 999999999950, url: '/a' },
      { type: 'meeting_booked', at: 999999999960 },
    ]);
    expect(await hasRecord(redis, keys, P, '11')).toBe(false);
    expect(await redis.zrange(k().dirty, '0', '-1')).toEqual(['10']);
  });

  it('lets a deletion win over later events about the same contact in the batch', async () => {
    const b = createSignalBatch(deps, P, now);
    b.record('20', [{ type: 'email_open', at: now - 5 }]);
    b.erase('20');
    b.record('20', [{ type: 'email_open', at: now - 1 }]);
    b.touch('20');
    expect(await b.commit()).toEqual({ due: null, dirty: 0, erased: 1 });
    expect(await redis.keys(`${prefix}*`)).toEqual([]);
  });
});
