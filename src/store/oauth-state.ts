import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { AppKeys } from './keys.js';

/**
 * The OAuth `state` parameter, stateless until spent: `payload.signature`, where the payload (base64url JSON)
 * holds a random nonce, the expiry and optional data, and the signature is an HMAC over it. Issuing one writes
 * nothing, so an unauthenticated flood of `GET /oauth/install` cannot grow Redis. The callback checks the
 * signature and the expiry, then spends the nonce: `SET spent-marker NX` with a TTL of the state's remaining
 * lifetime, so a state leaked in a referrer or a log is refused the second time, and no marker outlives the
 * state it guards. Only a callback carrying a validly signed, unexpired state writes a key.
 */

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const MetaSchema = z.record(z.string(), z.string());
/** Optional data carried from the install start to the callback (e.g. where to send the user afterwards). */
export type OAuthStateMeta = z.infer<typeof MetaSchema>;

const PayloadSchema = z.object({ n: z.string().regex(/^[A-Za-z0-9_-]{22}$/), e: z.number().int().positive(), m: MetaSchema.optional() });

export type ConsumeStateResult =
  | { ok: true; meta: OAuthStateMeta }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'used' };

/** Derives the state-signing key from the token encryption key, so the two uses never share raw key bytes. */
export function stateSigningKey(base64EncryptionKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(base64EncryptionKey, 'base64'), '', 'oauth-state-v1', 32));
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** Longest state accepted: a nonce, an expiry and a little data fit in far less. */
const STATE_SHAPE = /^[A-Za-z0-9_-]{20,1500}\.[A-Za-z0-9_-]{43}$/;

export interface OAuthStateStoreDeps {
  redis: RedisClient;
  keys: AppKeys;
  signingKey: Buffer;
  ttlMs?: number;
  clock?: () => number;
}

/** Creates the state store: `issue` at the install start (no I/O), `consume` in the callback. */
export function createOAuthStateStore(deps: OAuthStateStoreDeps) {
  const { redis, keys, signingKey } = deps;
  const ttlMs = deps.ttlMs ?? OAUTH_STATE_TTL_MS;
  const clock = deps.clock ?? Date.now;

  /** A new signed state, valid for `ttlMs`. Stores nothing. */
  async function issue(meta: OAuthStateMeta = {}): Promise<string> {
    const m = MetaSchema.parse(meta);
    const body = { n: randomBytes(16).toString('base64url'), e: clock() + ttlMs, ...(Object.keys(m).length ? { m } : {}) };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${sign(signingKey, payload)}`;
  }

  /** Checks a state from the callback and spends it: a second call with the same value fails. */
  async function consume(state: unknown): Promise<ConsumeStateResult> {
    if (typeof state !== 'string' || !STATE_SHAPE.test(state)) return { ok: false, reason: 'malformed' };
    const [payload, sig] = state.split('.') as [string, string];
    if (!timingSafeEqual(Buffer.from(sign(signingKey, payload)), Buffer.from(sig))) return { ok: false, reason: 'bad-signature' };
    let body: z.infer<typeof PayloadSchema>;
    try {
      body = PayloadSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const left = body.e - clock();
    if (left <= 0) return { ok: false, reason: 'expired' };
    const spent = await redis.set(keys.oauthStateSpent(body.n), '1', 'PX', left, 'NX');
    if (spent !== 'OK') return { ok: false, reason: 'used' };
    return { ok: true, meta: body.m ?? {} };
  }

  return { issue, consume };
}

export type OAuthStateStore = ReturnType<typeof createOAuthStateStore>;
