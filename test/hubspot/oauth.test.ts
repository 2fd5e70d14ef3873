import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import { OAuthError } from '../../src/hubspot/errors.js';
import { createInstallFlow } from '../../src/hubspot/install-flow.js';
import { authorizeUrl, exchangeCode } from '../../src/hubspot/oauth.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { createOAuthStateStore, stateSigningKey } from '../../src/store/oauth-state.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { redisSpace } from '../helpers/redis.js';
import { strictNock } from '../helpers/strict-nock.js';
import { API, CLIENT_SECRET, ENCRYPTION_KEY, testConfig } from './helpers/adapter.js';

const config = testConfig();
const NOW = 1_750_000_000_000;

strictNock();

describe('authorizeUrl', () => {
  it('builds HubSpot\'s authorize URL from config, with scopes encoded as %20', () => {
    expect(authorizeUrl(config, 'STATE')).toBe(
      'https://app.hubspot.test/oauth/authorize?client_id=client-id-123' +
        '&redirect_uri=https%3A%2F%2Fscoring.example.com%2Foauth%2Fcallback' +
        '&scope=oauth%20crm.objects.contacts.read%20crm.objects.contacts.write%20crm.schemas.contacts.write' +
        '&optional_scope=crm.objects.deals.read&state=STATE',
    );
  });

  it('leaves out optional_scope when none is configured', () => {
    expect(authorizeUrl(testConfig({ HUBSPOT_OPTIONAL_SCOPES: ' ' }), 'S')).not.toContain('optional_scope');
  });
});

describe('exchangeCode', () => {
  it('posts the code form-encoded to the v3 token endpoint and learns the portal from hub_id', async () => {
    const scope = nock(API)
      .post('/oauth/v3/token', (body) => {
        expect(body).toEqual({
          grant_type: 'authorization_code',
          code: 'code-1',
          redirect_uri: 'https://scoring.example.com/oauth/callback',
          client_id: 'client-id-123',
          client_secret: CLIENT_SECRET,
        });
        return true;
      })
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 1800, token_type: 'bearer', hub_id: 62515, user_id: 9, scopes: ['oauth'] });
    expect(await exchangeCode({ config, now: () => NOW }, 'code-1')).toEqual({
      accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: NOW + 1_800_000, hubId: 62515, userId: 9, scopes: ['oauth'],
    });
    scope.done();
  });

  it('asks the introspection endpoint when the token response has no hub_id', async () => {
    nock(API)
      .post('/oauth/v3/token')
      .reply(200, { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 1800 })
      .post('/oauth/v3/token/introspect', { client_id: 'client-id-123', client_secret: CLIENT_SECRET, token: 'at-2', token_type_hint: 'access_token' })
      .reply(200, { active: true, hub_id: 777, user_id: 3, scopes: ['oauth', 'crm.objects.contacts.read'] });
    expect(await exchangeCode({ config, now: () => NOW }, 'code-2')).toMatchObject({ hubId: 777, userId: 3, scopes: ['oauth', 'crm.objects.contacts.read'] });
  });

  it('uses the configured token path', async () => {
    nock(API).post('/oauth/2026-03/token').reply(200, { access_token: 'a', refresh_token: 'r', expires_in: 60, hub_id: 1 });
    const dated = testConfig({ HUBSPOT_OAUTH_TOKEN_PATH: '/oauth/2026-03/token' });
    expect((await exchangeCode({ config: dated, now: () => NOW }, 'c')).expiresAt).toBe(NOW + 60_000);
  });
});

describe('OAuth state', () => {
  const space = redisSpace('state');
  afterAll(space.cleanup);
  const states = createOAuthStateStore({ redis: space.redis, keys: space.keys, signingKey: stateSigningKey(ENCRYPTION_KEY) });

  it('accepts a state once, with the data it carried', async () => {
    const state = await states.issue({ returnTo: '/settings' });
    expect(await states.consume(state)).toEqual({ ok: true, meta: { returnTo: '/settings' } });
    expect(await states.consume(state)).toEqual({ ok: false, reason: 'used' });
  });

  it('rejects a forged signature before asking Redis', async () => {
    const state = await states.issue();
    const forged = `${state.split('.')[0]}.${'A'.repeat(43)}`;
    expect(await states.consume(forged)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await states.consume(state)).toMatchObject({ ok: true });
  });

  it('rejects malformed values and states signed with another key', async () => {
    const foreign = createOAuthStateStore({ redis: space.redis, keys: space.keys, signingKey: stateSigningKey(Buffer.alloc(32, 3).toString('base64')) });
    expect(await states.consume(await foreign.issue())).toEqual({ ok: false, reason: 'bad-signature' });
    expect(await states.consume('x')).toEqual({ ok: false, reason: 'malformed' });
    expect(await states.consume(undefined)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('stores nothing when issuing, and refuses a state after its 10 minutes', async () => {
    let now = NOW;
    const clocked = createOAuthStateStore({ redis: space.redis, keys: space.keys, signingKey: stateSigningKey(ENCRYPTION_KEY), clock: () => now });
    const before = await dumpPrefix(space.redis, space.prefix);
    const state = await clocked.issue();
    expect(await dumpPrefix(space.redis, space.prefix)).toEqual(before);
    now += 10 * 60_000;
    expect(await clocked.consume(state)).toEqual({ ok: false, reason: 'expired' });
  });

  it('marks a spent state for its remaining lifetime only', async () => {
    let now = NOW;
    const clocked = createOAuthStateStore({ redis: space.redis, keys: space.keys, signingKey: stateSigningKey(ENCRYPTION_KEY), clock: () => now });
    const state = await clocked.issue();
    now += 4 * 60_000;
    expect(await clocked.consume(state)).toMatchObject({ ok: true });
    const nonce = JSON.parse(Buffer.from(state.split('.')[0]!, 'base64url').toString('utf8')).n;
    const ttl = await space.redis.pttl(space.keys.oauthStateSpent(nonce));
    expect(ttl).toBeGreaterThan(5 * 60_000);
    expect(ttl).toBeLessThanOrEqual(6 * 60_000);
  });
});

describe('the install flow', () => {
  const space = redisSpace('install');
  afterAll(space.cleanup);
  const { logger, lines } = capturedLogger();
  const flow = createInstallFlow({ redis: space.redis, keys: space.keys, config, logger, clock: () => NOW });

  it('exchanges the code, stores the installation with encrypted tokens and returns the portal', async () => {
    const url = new URL(await flow.start({ returnTo: '/done' }));
    const state = url.searchParams.get('state')!;
    nock(API).post('/oauth/v3/token').reply(200, {
      access_token: 'install-access-XYZ', refresh_token: 'install-refresh-XYZ', expires_in: 1800, hub_id: 3030, user_id: 12, scopes: ['oauth', 'crm.objects.contacts.write'],
    });
    expect(await flow.complete({ code: 'the-code', state })).toEqual({ portalId: 3030, scopes: ['oauth', 'crm.objects.contacts.write'], meta: { returnTo: '/done' } });
    const store = createInstallationStore({ redis: space.redis, keys: space.keys, encryptionKey: ENCRYPTION_KEY });
    expect(await store.get(3030)).toMatchObject({ status: 'active', accessToken: 'install-access-XYZ', expiresAt: NOW + 1_800_000, userId: 12 });
    const raw = (await dumpPrefix(space.redis, space.prefix)).join('\n');
    expect(raw).not.toContain('install-access-XYZ');
    expect(raw).not.toContain('install-refresh-XYZ');
    const logs = lines.join('\n');
    expect(logs).toContain('app installed');
    for (const secret of ['install-access-XYZ', 'install-refresh-XYZ', 'the-code', CLIENT_SECRET]) expect(logs).not.toContain(secret);
  });

  it('refuses a reused, forged or missing state without calling HubSpot', async () => {
    const state = new URL(await flow.start()).searchParams.get('state')!;
    nock(API).post('/oauth/v3/token').reply(200, { access_token: 'a', refresh_token: 'r', expires_in: 1800, hub_id: 1 });
    await flow.complete({ code: 'c', state });
    await expect(flow.complete({ code: 'c', state })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    await expect(flow.complete({ code: 'c', state: 'nope' })).rejects.toMatchObject({ code: 'OAUTH_STATE_INVALID' });
    await expect(flow.complete({ state })).rejects.toMatchObject({ code: 'OAUTH_CALLBACK_INVALID' });
    await expect(flow.complete({ error: 'access_denied' })).rejects.toBeInstanceOf(OAuthError);
  });

  it('reports a refused code as OAUTH_EXCHANGE_FAILED with HubSpot\'s status', async () => {
    const state = new URL(await flow.start()).searchParams.get('state')!;
    nock(API).post('/oauth/v3/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'code expired', correlationId: 'x' });
    await expect(flow.complete({ code: 'old', state })).rejects.toMatchObject({ code: 'OAUTH_EXCHANGE_FAILED', status: 400, disposition: 'give-up' });
  });
});
