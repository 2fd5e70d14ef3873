import { createContactStores } from '../../src/store/contact-stores.js';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appKeys } from '../../src/store/keys.js';
import { createLedgerStore } from '../../src/store/ledger.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const P = 7;
const DAY = 86_400_000;
const now = 1_000 * DAY;
let redis: Redis;
let prefix: string;
let ledger: ReturnType<typeof createLedgerStore>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('ledger');
  ledger = createContactStores({ redis, keys: appKeys(prefix), historyMax: 10, bounds: { maxAgeDays: 30, maxEvents: 3 } }).ledger;
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('ledger store', () => {
  it('stores a redelivered event once and returns events oldest first', async () => {
    const click = { type: 'email_click', at: now - 2 * DAY };
    const open = { type: 'email_open', at: now - 5 * DAY };
    await ledger.append(P, new Map([['1', [click]]]), now);
    await ledger.append(P, new Map([['1', [open, click]]]), now);
    expect((await ledger.read(P, ['1', '2'])).get('1')).toEqual([open, click]);
    expect((await ledger.read(P, ['2'])).get('2')).toEqual([]);
  });

  it('keeps the newest events within the age and count bounds', async () => {
    const events = [40, 20, 10, 5, 1].map((d) => ({ type: 'page_view', at: now - d * DAY, url: `/p${d}` }));
    await ledger.append(P, new Map([['1', events]]), now);
    expect((await ledger.read(P, ['1'])).get('1')).toEqual(events.slice(2).reverse().sort((a, b) => a.at - b.at));
  });

  it('carries merged contacts’ ledgers to the survivor', async () => {
    const a = { type: 'email_open', at: now - DAY };
    const b = { type: 'meeting_booked', at: now - 2 * DAY };
    await ledger.append(P, new Map([['1', [a]], ['2', [b]]]), now);
    const tx = redis.multi();
    ledger.queueCarry(tx, P, '1', ['2'], now);
    await tx.exec();
    expect((await ledger.read(P, ['1'])).get('1')).toEqual([b, a]);
  });

  it('records many contacts at once, more than 500 events for one of them, within the bounds', async () => {
    const { ledger: big, records } = createContactStores({ redis, keys: appKeys(prefix), historyMax: 10, bounds: { maxAgeDays: 30, maxEvents: 1_000 } });
    // 1,200 page views 30 s apart (the newest 1,000 kept), one click for contact 2, one too old for contact 3.
    const views = Array.from({ length: 1_200 }, (_, i) => ({ type: 'page_view', at: now - i * 30_000, url: `/p${i}` }));
    const click = { type: 'email_click', at: now - DAY };
    await big.append(P, new Map([['1', views], ['2', [click]], ['3', [{ type: 'email_open', at: now - 31 * DAY }]]]), now);
    const read = await big.read(P, ['1', '2', '3']);
    expect(read.get('1')).toEqual(views.slice(0, 1_000).reverse());
    expect(read.get('2')).toEqual([click]);
    expect(read.get('3')).toEqual([]);
    expect((await records.ids(P, 10)).ids.sort()).toEqual(['1', '2']);
  });
});
