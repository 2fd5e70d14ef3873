/*
 * Every Redis key the app uses, in one place. Keys of one portal share the hash tag `{p:ID}` so a Redis Cluster
 * keeps a portal's keys in one slot (multi-key scripts and MULTI stay legal there). Everything a contact owns
 * is one field of one bucket hash (`records`), so erasing a contact (privacy deletion) is one HDEL plus its entries
 * in the portal's dirty/in-flight sets, a bounded, checkable operation. No key exists per contact: a top-level key
 * costs Redis 70–90 bytes before its value, more than a whole compact record.
 */

/** Buckets per portal: enough that a bucket of a 100,000-contact portal holds ~100 records, few enough to list. */
export const RECORD_BUCKETS = 1024;

/** A contact's bucket: a numeric id modulo RECORD_BUCKETS, else a stable FNV-1a hash of the id. */
export function recordBucket(contactId: string): number {
  if (/^\d{1,15}$/.test(contactId)) return Number(contactId) % RECORD_BUCKETS;
  if (/^\d+$/.test(contactId)) return Number(BigInt(contactId) % BigInt(RECORD_BUCKETS));
  let h = 0x811c9dc5;
  for (const b of Buffer.from(contactId, 'utf8')) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h % RECORD_BUCKETS;
}

/** The key names of one deployment (its prefix): see the file's comment. */
export function appKeys(prefix: string) {
  const portal = (portalId: number | string) => {
    const base = `${prefix}:{p:${portalId}}`;
    return {
      base,
      installation: `${base}:install`,
      tokenLock: `${base}:token-lock`,
      /** Pub/sub channel (not a key): "this portal's tokens changed", for processes waiting on a refresh. */
      tokenEvents: `${base}:token-events`,
      rateLimit: `${base}:rl`,
      searchRateLimit: `${base}:rl:search`,
      pausedUntil: `${base}:paused-until`,
      /** Zset: contactId → time it becomes due for scoring (settle window). */
      dirty: `${base}:dirty`,
      /** String: end of the portal's open settle window (epoch ms); contacts dirtied while it is open share it. */
      settleWindow: `${base}:settle-window`,
      /** Zset: contactId → lease expiry, for contacts a worker has claimed and not yet finished. */
      inflight: `${base}:inflight`,
      /** Hash: contactId → the job that claimed it (a re-run of that job after a crash takes them back at once). */
      inflightOwner: `${base}:inflight-owner`,
      /** Zset: record bucket → the earliest time decay will next change the rounded score of a contact in it. */
      decay: `${base}:decay`,
      /**
       * Hash per bucket (recordBucket): contactId → the contact's whole state as one compact record
       * (contact-record.ts). Enumerating a portal's contacts is reading its RECORD_BUCKETS buckets' fields.
       */
      records: (bucket: number) => `${base}:r:${bucket}`,
      /** Hash: the portal's string dictionary for records (`s:<string>` → code; `#g` its generation). */
      dict: `${base}:dict`,
      /** List: the dictionary's strings in code order (code n is the n-th). */
      dictCodes: `${base}:dict:codes`,
      models: `${base}:models`,
      model: (modelId: string) => ({
        draft: `${base}:model:${modelId}:draft`,
        versions: `${base}:model:${modelId}:versions`,
        published: `${base}:model:${modelId}:published`,
      }),
      /** Hash: the last learning run of a model's analysis (status, then its report) and its cached reports. */
      analysis: (modelId: string) => `${base}:analysis:${modelId}`,
      backfill: `${base}:backfill`,
      /** Hash: progress of the rescore that follows a publish (same fields as `backfill`). */
      rescore: `${base}:rescore`,
      webhookDedup: `${base}:wh-dedup`,
      /** String (JSON, with a TTL): the portal's contact property definitions, for the settings page's picker. */
      crmProperties: `${base}:crm-properties`,
    };
  };
  return {
    prefix,
    /** Set of installed portal ids. */
    portals: `${prefix}:portals`,
    /**
     * Zset: portal id → the earliest moment the sweep must look at the portal (see active-portals.ts). With
     * `activeRev` under one hash tag, so a script may touch both (they are app-wide, never with a portal's keys).
     */
    active: `${prefix}:{fleet}:active`,
    /** Hash: portal id → a counter bumped by every write to `active`, so a sweep never drops an entry it did not see. */
    activeRev: `${prefix}:{fleet}:active-rev`,
    /** String `cursor:skip`: where the sweep's audit of `portals` goes on (it re-checks a few per run). */
    auditCursor: `${prefix}:{fleet}:audit-cursor`,
    /** Zset: portal id → when it was uninstalled; its keys are erased once the grace period has passed. */
    uninstalled: `${prefix}:uninstalled`,
    /** String with a TTL: the nonce of an OAuth state spent by a callback (states themselves are never stored). */
    oauthStateSpent: (nonce: string) => `${prefix}:oauth-state-spent:${nonce}`,
    portal,
  };
}

export type AppKeys = ReturnType<typeof appKeys>;
