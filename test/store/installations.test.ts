import { afterAll, describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret, encryptionKey } from '../../src/store/crypto.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { redisSpace } from '../helpers/redis.js';
import { ENCRYPTION_KEY } from '../hubspot/helpers/adapter.js';

const key = encryptionKey(ENCRYPTION_KEY);

describe('token encryption', () => {
  it('round-trips a secret and never repeats a ciphertext', () => {
    const a = encryptSecret('pat-na1-secret', key, 'portal:1:access');
    const b = encryptSecret('pat-na1-secret', key, 'portal:1:access');
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('pat-na1-secret');
    expect(decryptSecret(a, key, 'portal:1:access')).toBe('pat-na1-secret');
  });

  it('rejects a tampered ciphertext, tag or iv', () => {
    const stored = encryptSecret('refresh-abc', key);
    const [v, iv, tag, ct] = stored.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [[v, iv, tag, flip(ct)], [v, iv, flip(tag), ct], [v, flip(iv), tag, ct]]) {
      expect(() => decryptSecret(bad.join('.'), key)).toThrow(DecryptionError);
    }
  });

  it('rejects the wrong key, the wrong context and unknown formats', () => {
    const stored = encryptSecret('refresh-abc', key, 'portal:1:refresh');
    expect(() => decryptSecret(stored, Buffer.alloc(32, 1), 'portal:1:refresh')).toThrow(DecryptionError);
    expect(() => decryptSecret(stored, key, 'portal:2:refresh')).toThrow(DecryptionError);
    expect(() => decryptSecret(stored.replace(/^v1/, 'v9'), key, 'portal:1:refresh')).toThrow(DecryptionError);
    expect(() => decryptSecret('refresh-abc', key)).toThrow(/SECRET|decrypt/i);
  });
});

describe('installation store', () => {
  const space = redisSpace('inst');
  const store = createInstallationStore({ redis: space.redis, keys: space.keys, encryptionKey: ENCRYPTION_KEY, clock: () => 1_700_000_000_000 });
  afterAll(space.cleanup);

  const install = {
    portalId: 4242,
    hubId: 4242,
    userId: 7,
    scopes: ['oauth', 'crm.objects.contacts.read'],
    accessToken: 'access-token-AAAA-1111',
    refreshToken: 'refresh-token-BBBB-2222',
    expiresAt: 1_700_001_800_000,
  };

  it('saves and reads back an active installation with its tokens', async () => {
    await store.save(install);
    expect(await store.get(4242)).toEqual({ ...install, status: 'active', installedAt: 1_700_000_000_000 });
    expect(await space.redis.smembers(space.keys.portals)).toEqual(['4242']);
  });

  it('keeps no token in clear anywhere in Redis', async () => {
    const all = (await dumpPrefix(space.redis, space.prefix)).join('\n');
    expect(all).toContain('4242');
    expect(all).not.toContain('access-token-AAAA-1111');
    expect(all).not.toContain('refresh-token-BBBB-2222');
  });

  it('stores refreshed tokens while active', async () => {
    expect(await store.saveTokens(4242, { accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: 1_700_003_600_000 })).toBe(true);
    expect(await store.get(4242)).toMatchObject({ status: 'active', accessToken: 'access-2', refreshToken: 'refresh-2', expiresAt: 1_700_003_600_000 });
  });

  it('marks an uninstall, drops the tokens and stops listing the portal', async () => {
    await store.save({ ...install, portalId: 5151, hubId: 5151 });
    await store.markUninstalled(4242, 1_700_000_500_000);
    expect(await store.get(4242)).toEqual({
      portalId: 4242, hubId: 4242, userId: 7, scopes: install.scopes, installedAt: 1_700_000_000_000, status: 'uninstalled', uninstalledAt: 1_700_000_500_000,
    });
    expect(Object.keys(await space.redis.hgetall(space.keys.portal(4242).installation))).not.toContain('refreshToken');
    expect((await store.listActive()).map((i) => i.portalId)).toEqual([5151]);
  });

  it('refuses refreshed tokens for an uninstalled portal and keeps the uninstall when marked twice', async () => {
    expect(await store.saveTokens(4242, { accessToken: 'late', refreshToken: 'late', expiresAt: 1 })).toBe(false);
    await store.markUninstalled(4242, 1_800_000_000_000);
    expect(await store.get(4242)).toMatchObject({ status: 'uninstalled', uninstalledAt: 1_700_000_500_000 });
  });

  it('answers null for a portal that never installed the app', async () => {
    expect(await store.get(999)).toBeNull();
  });

  it('fails loudly when a stored token was encrypted with another key', async () => {
    const other = createInstallationStore({ redis: space.redis, keys: space.keys, encryptionKey: Buffer.alloc(32, 9).toString('base64') });
    await expect(other.get(5151)).rejects.toThrow(DecryptionError);
  });
});
