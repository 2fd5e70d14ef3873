import type { RedisClient } from '../../src/store/redis-client.js';
import { recordBucket, type AppKeys } from '../../src/store/keys.js';

/** Where a contact's record lives: its bucket hash and field. */
export function recordLocation(keys: AppKeys, portalId: number, contactId: string | number): { key: string; field: string } {
  const field = String(contactId);
  return { key: keys.portal(portalId).records(recordBucket(field)), field };
}

/** Whether Redis holds a record (ledger, scores…) of the contact. */
export async function hasRecord(redis: RedisClient, keys: AppKeys, portalId: number, contactId: string | number): Promise<boolean> {
  const { key, field } = recordLocation(keys, portalId, contactId);
  return (await redis.hexists(key, field)) === 1;
}
