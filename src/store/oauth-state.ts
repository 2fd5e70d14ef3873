import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { AppKeys } from './keys.js';

/**
 * The OAuth `state` parameter: random, HMAC-signed, remembered in Redis for a few minutes and usable once
 * (GETDEL). The signature rejects forged or mangled values before Redis is asked; Redis gives expiry and
 * single use, so a state leaked in a referrer or log cannot be replayed.
 */

export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const MetaSchema = z.record(z.string(), z.string());
/** Optional data carried from the install start to the callback (e.g. where to send the user afterwards). */
export type OAuthStateMeta = z.infer<typeof MetaSchema>;

export type ConsumeStateResult =
  | { ok: true; meta: OAuthStateMeta }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired-or-used' };

/** Derives the state-signing key from the token encryption key, so the two uses never share raw key bytes. */
export function stateSigningKey(base64EncryptionKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(base64EncryptionKey, 'base64'), '', 'oauth-state-v1', 32));
}

const sign = (key: Buffer, nonce: string) => createHmac('sha256', key).update(nonce).digest('base64url');

export interface OAuthStateStoreDeps {
  redis: RedisClient;
  keys: AppKeys;
  signingKey: Buffer;
  ttlMs?: number;
}

/** Creates the state store: `issue` at the install start, `consume` in the callback. */
export function createOAuthStateStore(deps: OAuthStateStoreDeps) {
  const { redis, keys, signingKey } = deps;
  const ttlMs = deps.ttlMs ?? OAUTH_STATE_TTL_MS;

  /** Creates, remembers and returns a new state value. */
  async function issue(meta: OAuthStateMeta = {}): Promise<string> {
    const nonce = randomBytes(24).toString('base64url');
    await redis.set(keys.oauthState(nonce), JSON.stringify(MetaSchema.parse(meta)), 'PX', ttlMs);
    return `${nonce}.${sign(signingKey, nonce)}`;
  }

  /** Checks a state from the callback and spends it: a second call with the same value fails. */
  async function consume(state: unknown): Promise<ConsumeStateResult> {
    if (typeof state !== 'string' || !/^[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/.test(state)) {
      return { ok: false, reason: 'malformed' };
    }
    const [nonce, sig] = state.split('.') as [string, string];
    const expected = Buffer.from(sign(signingKey, nonce));
    if (!timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'bad-signature' };
    const stored = await redis.getdel(keys.oauthState(nonce));
    if (stored === null) return { ok: false, reason: 'expired-or-used' };
    return { ok: true, meta: MetaSchema.parse(JSON.parse(stored)) };
  }

  return { issue, consume };
}

export type OAuthStateStore = ReturnType<typeof createOAuthStateStore>;
