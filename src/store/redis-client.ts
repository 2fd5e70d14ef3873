import { Cluster, type Redis } from 'ioredis';

/**
 * A connection to one Redis or to a Redis Cluster. The stores use only what both route correctly: every
 * multi-key command, MULTI and Lua script touches keys of one hash slot (a portal's `{p:ID}` tag, the queue's
 * `{bull}` tag), and key scans go through {@link scanKeys} (a cluster is scanned master by master).
 */
export type RedisClient = Redis | Cluster;

/** A second connection of the same kind (pub/sub needs its own). */
export function duplicateClient(client: RedisClient): RedisClient {
  return client instanceof Cluster ? client.duplicate() : client.duplicate();
}

/**
 * Every key matching `pattern`, in batches. SCAN walks one server's keyspace, so on a cluster each master is
 * scanned in turn (replicas hold copies of the same keys).
 */
export async function* scanKeys(client: RedisClient, pattern: string, count = 1000): AsyncGenerator<string[]> {
  const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', count);
      cursor = next;
      if (keys.length) yield keys;
    } while (cursor !== '0');
  }
}

/**
 * Unlinks `keys`, which may lie in any slot: one UNLINK per key in a pipeline (a multi-key UNLINK across slots
 * is refused by a cluster). Returns how many existed.
 */
export async function unlinkKeys(client: RedisClient, keys: string[]): Promise<number> {
  if (!keys.length) return 0;
  if (!(client instanceof Cluster)) return client.unlink(...keys);
  const results = await Promise.all(keys.map((k) => client.unlink(k)));
  return results.reduce((a, b) => a + b, 0);
}
