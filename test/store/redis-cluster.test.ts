import { Redis, type Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedis } from '../../src/runtime/connections.js';
import { dropPrefix } from '../../src/store/drop-prefix.js';
import { appKeys } from '../../src/store/keys.js';
import type { RedisClient } from '../../src/store/redis-client.js';
import { startLocalCluster, type LocalCluster } from '../../src/store/redis-cluster.js';
import { pingRedis } from '../../src/store/redis-server.js';

/** The local cluster harness the end-to-end suite runs on, and the refusals that make that run a slot check. */
describe('a local 3-master Redis Cluster', () => {
  let cluster: LocalCluster;
  let redis: RedisClient;
  const keys = appKeys('test:cluster');

  beforeAll(async () => {
    cluster = await startLocalCluster({ masters: 3 });
    redis = await openRedis({ cluster: cluster.nodes }, 'durable');
  });
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('serves all 16384 slots from three masters', async () => {
    expect(cluster.nodes).toHaveLength(3);
    const node = new Redis(cluster.nodes[0]!);
    const masters = ((await node.cluster('NODES')) as string).split('\n').filter((l) => l.includes('master'));
    node.disconnect();
    expect(masters).toHaveLength(3);
  });

  it('refuses a MULTI and a Lua script over two portals\' keys (different slots)', async () => {
    const a = keys.portal(1).dirty;
    const b = keys.portal(2).dirty;
    await expect(redis.multi().zadd(a, 1, 'x').zadd(b, 1, 'x').exec()).rejects.toThrow(/same slot/);
    await expect(redis.eval("return redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])", 2, a, b)).rejects.toThrow(/CROSSSLOT/);
    // The same over one portal's keys is one slot.
    const c = keys.portal(1).decay;
    expect(await redis.eval("return redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2])", 2, a, c)).toBe(0);
  });

  it('drops a prefix on every master', async () => {
    const portals = Array.from({ length: 30 }, (_, i) => keys.portal(i + 1).settleWindow);
    for (const k of portals) await redis.set(k, '1');
    const holders = await Promise.all((redis as Cluster).nodes('master').map((n) => n.dbsize()));
    expect(holders.filter((n) => n > 0).length).toBe(3);
    expect(await dropPrefix(redis, 'test:cluster')).toBe(30);
    expect(await redis.exists(...portals.slice(0, 1))).toBe(0);
  });

  it('stops every node', async () => {
    await cluster.stop();
    for (const n of cluster.nodes) expect(await pingRedis(`redis://${n.host}:${n.port}`, 300)).toBe(false);
  });
});
