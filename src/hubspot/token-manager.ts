import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../store/redis-client.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AppKeys } from '../store/keys.js';
import type { ActiveInstallation, InstallationStore } from '../store/installations.js';
import { luaScript } from '../store/lua.js';
import { HubSpotUnavailableError, PortalUninstalledError } from './errors.js';
import { refreshTokens } from './oauth.js';
import { createTokenEvents } from './token-events.js';
import { TokenRequestError } from './token-endpoint.js';

/** Refresh this long before expiry, so a token never expires in the middle of a batch. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const RELEASE = luaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`);

export interface TokenManagerDeps {
  redis: RedisClient;
  keys: AppKeys;
  config: Config;
  installations: InstallationStore;
  logger: Logger;
  fetch?: typeof fetch;
  clock?: () => number;
  refreshMarginMs?: number;
  /** How long a refresher may hold the lock (a crashed holder blocks others at most this long). */
  lockTtlMs?: number;
  /** Safety net while waiting: re-check the store this often even without a notification. */
  recheckMs?: number;
}

/**
 * Access tokens per portal. At most one refresh per portal runs at a time across all processes: the refresher
 * holds `keys.tokenLock` (SET NX PX); the others wait for its pub/sub notification and read the new token from
 * the store. A refresh HubSpot refuses as invalid (uninstalled app, revoked grant) marks the portal uninstalled.
 */
export function createTokenManager(deps: TokenManagerDeps) {
  const { redis, keys, installations, logger } = deps;
  const clock = deps.clock ?? Date.now;
  const margin = deps.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const lockTtl = deps.lockTtlMs ?? deps.config.HUBSPOT_REQUEST_TIMEOUT_MS + 5_000;
  const recheckMs = deps.recheckMs ?? 1_000;
  const events = createTokenEvents(redis, (err) => logger.warn({ err: err.message }, 'token notification connection error'));
  const inflight = new Map<string, Promise<string>>();

  async function current(portalId: number): Promise<ActiveInstallation> {
    const inst = await installations.get(portalId);
    if (!inst) throw new PortalUninstalledError(portalId, 'not-installed');
    if (inst.status !== 'active') throw new PortalUninstalledError(portalId, 'uninstalled');
    return inst;
  }

  const stale = (inst: ActiveInstallation, rejected?: string) =>
    inst.expiresAt - clock() < margin || (rejected !== undefined && inst.accessToken === rejected);

  /** Refreshes while holding the lock; re-reads first, since another process may have just done it. */
  async function refreshHolding(portalId: number, rejected?: string): Promise<string> {
    const inst = await current(portalId);
    if (!stale(inst, rejected)) return inst.accessToken;
    let tokens;
    try {
      tokens = await refreshTokens({ config: deps.config, fetch: deps.fetch, now: clock }, inst.refreshToken);
    } catch (err) {
      if (err instanceof TokenRequestError && err.invalidGrant) {
        await installations.markUninstalled(portalId, clock());
        logger.warn(
          { portalId, status: err.status, correlationId: err.details.correlationId },
          'HubSpot refused the refresh token: portal marked uninstalled, its work stops until the app is installed again',
        );
        throw new PortalUninstalledError(portalId, 'invalid-grant', { cause: err });
      }
      logger.warn({ portalId, code: (err as { code?: unknown }).code }, 'token refresh failed; will retry');
      throw err;
    }
    const saved = await installations.saveTokens(portalId, tokens);
    if (!saved) throw new PortalUninstalledError(portalId, 'uninstalled');
    logger.info({ portalId, expiresAt: tokens.expiresAt }, 'access token refreshed');
    return tokens.accessToken;
  }

  async function refreshShared(portalId: number, rejected?: string): Promise<string> {
    const k = keys.portal(portalId);
    const deadline = clock() + 2 * lockTtl;
    const watch = await events.watch(k.tokenEvents);
    try {
      for (;;) {
        const inst = await current(portalId);
        if (!stale(inst, rejected)) return inst.accessToken;
        const lockId = randomUUID();
        if ((await redis.set(k.tokenLock, lockId, 'PX', lockTtl, 'NX')) === 'OK') {
          try {
            return await refreshHolding(portalId, rejected);
          } finally {
            // Release before notifying: a woken waiter must find the lock free or a newer holder.
            await RELEASE.run(redis, [k.tokenLock], [lockId]);
            await events.notify(k.tokenEvents);
          }
        }
        if (clock() > deadline) {
          throw new HubSpotUnavailableError(`Portal ${portalId}: timed out waiting for another process's token refresh`, { portalId });
        }
        await watch.changed(recheckMs);
      }
    } finally {
      watch.stop();
    }
  }

  /**
   * A valid access token for the portal, refreshed first when it has less than 5 minutes left. After a 401,
   * pass the token HubSpot rejected as `rejected`: it is refreshed unless another caller already replaced it.
   * Throws PortalUninstalledError when there is no active installation (or HubSpot revoked it now).
   */
  async function getAccessToken(portalId: number, opts: { rejected?: string } = {}): Promise<string> {
    const inst = await current(portalId);
    if (!stale(inst, opts.rejected)) return inst.accessToken;
    // One refresh per portal per process; processes then coordinate through the Redis lock.
    const flightKey = `${portalId}:${opts.rejected ?? ''}`;
    let flight = inflight.get(flightKey);
    if (!flight) {
      flight = refreshShared(portalId, opts.rejected).finally(() => inflight.delete(flightKey));
      inflight.set(flightKey, flight);
    }
    return flight;
  }

  return { getAccessToken, close: events.close };
}

export type TokenManager = ReturnType<typeof createTokenManager>;
