import { createContactStores } from '../../src/store/contact-stores.js';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDirtyStore } from '../../src/store/dirty.js';
import { appKeys } from '../../src/store/keys.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const P = 42;
let redis: Redis;
let prefix: string;
let store: ReturnType<typeof createDirtyStore>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('dirty');
  store = createDirtyStore({ redis, keys: appKeys(prefix), settleMs: 1_000, leaseMs: 5_000 });
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('dirty store', () => {
  it('gives every contact dirtied while a settle window is open that window’s end', async () => {
    expect(await store.markDirty(P, ['1', '2'], 10_000)).toBe(11_000);
    expect(await store.markDirty(P, ['3'], 10_400)).toBe(11_000);
    // Re-dirtying a waiting contact keeps its earlier due time.
    expect(await store.markDirty(P, ['1'], 10_900)).toBe(11_000);
    expect(await redis.zrange(appKeys(prefix).portal(P).dirty, '0', '-1', 'WITHSCORES')).toEqual(['1', '11000', '2', '11000', '3', '11000']);
  });

  it('opens a new window once the previous one has ended', async () => {
    await store.markDirty(P, ['1'], 10_000);
    expect(await store.markDirty(P, ['2'], 11_001)).toBe(12_001);
  });

  it('claims only due contacts, at most the limit, and leases them', async () => {
    await store.markDirty(P, ['1', '2', '3'], 10_000);
    expect((await store.claimDue(P, 10_999, 100, 'job:a')).ids).toEqual([]);
    const claim = await store.claimDue(P, 11_000, 2, 'job:a');
    expect(claim).toEqual({ ids: ['1', '2'], leaseUntil: 16_000, owner: 'job:a' });
    expect((await store.claimDue(P, 11_000, 100, 'job:b')).ids).toEqual(['3']);
    expect(await store.pending(P)).toEqual({ dirty: 0, inflight: 3 });
  });

  it('does not hand a contact to a second worker while the first holds its lease', async () => {
    await store.markDirty(P, ['1'], 10_000);
    const first = await store.claimDue(P, 11_000, 100, 'job:a');
    await store.markDirty(P, ['1'], 11_100); // a new event while it is being scored
    expect((await store.claimDue(P, 13_000, 100, 'job:b')).ids).toEqual([]);
    await store.finish(P, first);
    expect((await store.claimDue(P, 13_000, 100, 'job:b')).ids).toEqual(['1']);
  });

  it('puts a dead worker’s contacts back in play once its lease expires', async () => {
    await store.markDirty(P, ['1', '2'], 10_000);
    const dead = await store.claimDue(P, 11_000, 100, 'job:a');
    expect((await store.claimDue(P, 15_999, 100, 'job:b')).ids).toEqual([]);
    const next = await store.claimDue(P, 16_000, 100, 'job:b');
    expect(next.ids.sort()).toEqual(['1', '2']);
    // The dead worker's late finish must not end the new holder's lease.
    await store.finish(P, dead);
    expect(await store.pending(P)).toEqual({ dirty: 0, inflight: 2 });
  });

  it('gives a re-run of the same job (its worker was killed) its claim back at once', async () => {
    await store.markDirty(P, ['1', '2'], 10_000);
    await store.claimDue(P, 11_000, 100, 'job:a');
    expect((await store.claimDue(P, 11_500, 100, 'job:b')).ids).toEqual([]);
    expect((await store.claimDue(P, 11_500, 100, 'job:a')).ids.sort()).toEqual(['1', '2']);
    expect(await redis.hgetall(appKeys(prefix).portal(P).inflightOwner)).toEqual({ 1: 'job:a', 2: 'job:a' });
  });

  it('releases claimed contacts as due at a later time after a rate limit', async () => {
    await store.markDirty(P, ['1'], 10_000);
    const claim = await store.claimDue(P, 11_000, 100, 'job:a');
    await store.release(P, claim, 20_000);
    expect(await store.nextWakeUp(P)).toEqual({ dirtyDue: 20_000, leaseExpiry: null });
    expect((await store.claimDue(P, 19_999, 100, 'job:a')).ids).toEqual([]);
  });

  it('moves contacts whose decay moment came into dirty, due now, bucket by bucket', async () => {
    const k = appKeys(prefix).portal(P);
    const { scores } = createContactStores({ redis, keys: appKeys(prefix), historyMax: 10, bounds: { maxAgeDays: 365, maxEvents: 10 } });
    const score = (contactId: string) => ({ contactId, changed: true, score: { modelId: 'm', version: 1, scoredAt: 1_000, inScope: true, summary: null, outputs: {} } });
    // Contacts 7 and 1031 share bucket 7; 8 is in bucket 8. The schedule holds a bucket's earliest moment.
    await scores.write(P, ['7', '8', '1031'].map(score), new Map([['7', 5_000], ['8', 9_000], ['1031', 8_000]]));
    expect(await redis.zrange(k.decay, '0', '-1', 'WITHSCORES')).toEqual(['b7', '5000', 'b8', '9000']);
    expect(await store.promoteDecay(P, 6_000, 100)).toBe(1);
    expect(await redis.zrange(k.dirty, '0', '-1', 'WITHSCORES')).toEqual(['7', '6000']);
    // Bucket 7 now waits for 1031; 7's moment is cleared (it is not promoted again before it is rescored).
    expect(await redis.zrange(k.decay, '0', '-1', 'WITHSCORES')).toEqual(['b7', '8000', 'b8', '9000']);
    expect(await store.promoteDecay(P, 10_000, 1)).toBe(1);
    expect(await store.promoteDecay(P, 10_000, 100)).toBe(1);
    expect((await redis.zrange(k.dirty, '0', '-1')).sort()).toEqual(['1031', '7', '8']);
    expect(await redis.zcard(k.decay)).toBe(0);
    expect(await store.promoteDecay(P, 20_000, 100)).toBe(0);
  });
});
