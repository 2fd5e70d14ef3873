import type { RedisClient } from './redis-client.js';
import { z } from 'zod';
import type { AppKeys } from './keys.js';
import { decryptSecret, encryptSecret, encryptionKey } from './crypto.js';

/**
 * Installations: one Redis hash per portal (`keys.portal(id).installation`) plus the set of installed portal ids
 * (`keys.portals`). Tokens are encrypted before they leave this module and decrypted only when read back; an
 * uninstalled portal keeps no tokens at all.
 */

const common = {
  portalId: z.number().int().positive(),
  /** HubSpot's `hub_id`: the same number as the portal id for a normal install, kept as HubSpot sent it. */
  hubId: z.number().int().positive(),
  /** The HubSpot user who installed the app, when HubSpot says. */
  userId: z.number().int().positive().optional(),
  scopes: z.array(z.string()),
  installedAt: z.number().int(),
};

export const InstallationSchema = z.discriminatedUnion('status', [
  z.object({
    ...common,
    status: z.literal('active'),
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    /** Epoch ms when the access token stops working. */
    expiresAt: z.number().int(),
  }),
  z.object({ ...common, status: z.literal('uninstalled'), uninstalledAt: z.number().int() }),
]);
export type Installation = z.infer<typeof InstallationSchema>;
export type ActiveInstallation = Extract<Installation, { status: 'active' }>;
export type NewInstallation = Omit<ActiveInstallation, 'status' | 'installedAt'> & { installedAt?: number };
export type TokenUpdate = Pick<ActiveInstallation, 'accessToken' | 'refreshToken' | 'expiresAt'>;

/** What the hash holds, as strings; decoded and validated on every read. */
const StoredSchema = z.object({
  portalId: z.coerce.number(),
  hubId: z.coerce.number(),
  userId: z.coerce.number().optional(),
  scopes: z.string().transform((s) => s.split(' ').filter(Boolean)),
  status: z.enum(['active', 'uninstalled']),
  installedAt: z.coerce.number(),
  uninstalledAt: z.coerce.number().optional(),
  expiresAt: z.coerce.number().optional(),
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
});

const aad = (portalId: number, which: 'access' | 'refresh') => `portal:${portalId}:${which}`;

/** MULTI reports a failed command in its result instead of throwing: surface it. */
function checkExec(results: [Error | null, unknown][] | null): void {
  const failed = results?.find(([err]) => err);
  if (!results || failed) throw failed?.[0] ?? new Error('Redis transaction aborted');
}

/** Sets the token fields only while the installation is active, so a late refresh cannot revive an uninstall. */
const SAVE_TOKENS = `
if redis.call('HGET', KEYS[1], 'status') ~= 'active' then return 0 end
redis.call('HSET', KEYS[1], 'accessToken', ARGV[1], 'refreshToken', ARGV[2], 'expiresAt', ARGV[3])
return 1`;

export interface InstallationStoreDeps {
  redis: RedisClient;
  keys: AppKeys;
  /** config.TOKEN_ENCRYPTION_KEY (base64, 32 bytes). */
  encryptionKey: string;
  clock?: () => number;
}

/** Creates the installation store. Every method is safe to call from any process. */
export function createInstallationStore(deps: InstallationStoreDeps) {
  const { redis, keys } = deps;
  const key = encryptionKey(deps.encryptionKey);
  const clock = deps.clock ?? Date.now;
  const hashKey = (portalId: number) => keys.portal(portalId).installation;

  /** Reads and decrypts a portal's installation; null when the app was never installed there. */
  async function get(portalId: number): Promise<Installation | null> {
    const raw = await redis.hgetall(hashKey(portalId));
    if (!raw || Object.keys(raw).length === 0) return null;
    const s = StoredSchema.parse(raw);
    const base = { portalId: s.portalId, hubId: s.hubId, userId: s.userId, scopes: s.scopes, installedAt: s.installedAt };
    if (s.status === 'uninstalled') {
      return InstallationSchema.parse({ ...base, status: 'uninstalled', uninstalledAt: s.uninstalledAt });
    }
    return InstallationSchema.parse({
      ...base,
      status: 'active',
      accessToken: s.accessToken && decryptSecret(s.accessToken, key, aad(portalId, 'access')),
      refreshToken: s.refreshToken && decryptSecret(s.refreshToken, key, aad(portalId, 'refresh')),
      expiresAt: s.expiresAt,
    });
  }

  /** Stores a (re)installation as active, replacing whatever was there, and lists the portal as installed. */
  async function save(input: NewInstallation): Promise<ActiveInstallation> {
    const inst = InstallationSchema.parse({ ...input, status: 'active', installedAt: input.installedAt ?? clock() });
    if (inst.status !== 'active') throw new Error('unreachable');
    const fields: Record<string, string> = {
      portalId: String(inst.portalId),
      hubId: String(inst.hubId),
      scopes: inst.scopes.join(' '),
      status: 'active',
      installedAt: String(inst.installedAt),
      expiresAt: String(inst.expiresAt),
      accessToken: encryptSecret(inst.accessToken, key, aad(inst.portalId, 'access')),
      refreshToken: encryptSecret(inst.refreshToken, key, aad(inst.portalId, 'refresh')),
    };
    if (inst.userId !== undefined) fields.userId = String(inst.userId);
    checkExec(await redis.multi().del(hashKey(inst.portalId)).hset(hashKey(inst.portalId), fields).exec());
    // Not in the MULTI: the set is not in the portal's hash slot (Redis Cluster forbids cross-slot transactions).
    // A re-install within the grace period keeps the portal's data: it leaves the erasure schedule.
    // Two commands, not a MULTI: the two app-wide keys may sit in different Redis Cluster slots.
    await redis.sadd(keys.portals, String(inst.portalId));
    await redis.zrem(keys.uninstalled, String(inst.portalId));
    return inst;
  }

  /** Stores the tokens a refresh returned. Returns false (and stores nothing) when the portal is not active. */
  async function saveTokens(portalId: number, t: TokenUpdate): Promise<boolean> {
    const written = await redis.eval(
      SAVE_TOKENS,
      1,
      hashKey(portalId),
      encryptSecret(t.accessToken, key, aad(portalId, 'access')),
      encryptSecret(t.refreshToken, key, aad(portalId, 'refresh')),
      String(t.expiresAt),
    );
    return written === 1;
  }

  /**
   * Marks the portal uninstalled, drops its tokens, removes it from the installed set and schedules the erasure of
   * its data (the `uninstalled` zset, scored by the uninstall time; see portal-erasure.ts). Idempotent: a second
   * call keeps the first uninstall time.
   */
  async function markUninstalled(portalId: number, at: number = clock()): Promise<void> {
    const h = hashKey(portalId);
    if ((await redis.hget(h, 'status')) === 'active') {
      checkExec(
        await redis
          .multi()
          .hset(h, { status: 'uninstalled', uninstalledAt: String(at) })
          .hdel(h, 'accessToken', 'refreshToken', 'expiresAt')
          .exec(),
      );
    }
    await redis.srem(keys.portals, String(portalId));
    await redis.zadd(keys.uninstalled, 'NX', at, String(portalId));
  }

  /**
   * Whether the portal has an active installation: one HGET, no decryption. The hot paths (each webhook batch per
   * distinct portal, each /api request, the workflow action) ask this instead of reading the whole installation.
   */
  async function isActive(portalId: number): Promise<boolean> {
    return (await redis.hget(hashKey(portalId), 'status')) === 'active';
  }

  /** Every active installation (for sweeps and the CLI). */
  async function listActive(): Promise<ActiveInstallation[]> {
    const ids = await redis.smembers(keys.portals);
    const all = await Promise.all(ids.map((id) => get(Number(id))));
    return all.filter((i): i is ActiveInstallation => i?.status === 'active');
  }

  return { get, isActive, save, saveTokens, markUninstalled, listActive };
}

export type InstallationStore = ReturnType<typeof createInstallationStore>;
