import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-client.js';
import type { AppKeys } from './keys.js';
import { checkExec } from './lua.js';

/**
 * Erasing contacts (deletion, `contact.privacyDeletion`, the losing side of a merge): every key the contact owns
 * (`keys…contact(id).all()`) and its membership in every per-portal zset and set (dirty, in flight and its
 * owners, decay, known contacts). Job data never holds contact ids, so nothing about the contact remains in the queue either.
 * Keep this list in step with keys.ts: the privacy test scans every key and member to prove it.
 */
export function queueEraseContacts(tx: ChainableCommander, keys: AppKeys, portalId: number, ids: string[]): void {
  if (!ids.length) return;
  const p = keys.portal(portalId);
  tx.del(...ids.flatMap((id) => p.contact(id).all()));
  tx.zrem(p.dirty, ...ids);
  tx.zrem(p.inflight, ...ids);
  tx.hdel(p.inflightOwner, ...ids);
  tx.zrem(p.decay, ...ids);
  tx.srem(p.contacts, ...ids);
}

/** Erases contacts now, in one transaction (e.g. when the worker finds them gone from HubSpot). */
export async function eraseContacts(redis: RedisClient, keys: AppKeys, portalId: number, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const tx = redis.multi();
  queueEraseContacts(tx, keys, portalId, ids);
  checkExec(await tx.exec());
}
