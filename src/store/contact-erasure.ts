import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-client.js';
import type { AppKeys } from './keys.js';
import { recordBucket } from './keys.js';
import { checkExec } from './lua.js';

/**
 * Erasing contacts (deletion, `contact.privacyDeletion`, the losing side of a merge): the contact's record (one
 * field of its bucket hash: ledger, scores, history, snapshots, decay moment) and its membership in every
 * per-portal zset and hash (dirty, in flight and its owners). The decay schedule holds buckets, not contacts.
 * Job data never holds contact ids, so nothing about the contact remains in the queue either.
 * Keep this list in step with keys.ts: the privacy test scans every key and member to prove it.
 */
export function queueEraseContacts(tx: ChainableCommander, keys: AppKeys, portalId: number, ids: string[]): void {
  if (!ids.length) return;
  const p = keys.portal(portalId);
  const byBucket = new Map<number, string[]>();
  for (const id of ids) byBucket.set(recordBucket(id), [...(byBucket.get(recordBucket(id)) ?? []), id]);
  for (const [bucket, fields] of byBucket) tx.hdel(p.records(bucket), ...fields);
  tx.zrem(p.dirty, ...ids);
  tx.zrem(p.inflight, ...ids);
  tx.hdel(p.inflightOwner, ...ids);
}

/** Erases contacts now, in one transaction (e.g. when the worker finds them gone from HubSpot). */
export async function eraseContacts(redis: RedisClient, keys: AppKeys, portalId: number, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const tx = redis.multi();
  queueEraseContacts(tx, keys, portalId, ids);
  checkExec(await tx.exec());
}
