import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { ENCRYPTION_KEY, httpRequest, startPipeline, type Pipeline } from '../pipeline/helpers/harness.js';

const HUBSPOT_STARTED = 82101;
const APP_STARTED = 82102;
const OTHER = 82103;

/** Every key under the app's prefix (SCAN, as an operator would count them). */
async function keyCount(p: Pipeline): Promise<number> {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await p.redis.scan(cursor, 'MATCH', `${p.prefix}:*`, 'COUNT', 1000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

describe('installs through the OAuth routes, against the sandbox', () => {
  let sandbox: Sandbox;
  let p: Pipeline;
  beforeAll(async () => {
    sandbox = await startSandbox({ portals: [HUBSPOT_STARTED, APP_STARTED, OTHER].map((id) => ({ id, contacts: 3, seed: `oauth-${id}` })) });
    p = await startPipeline({ roles: ['web'], label: 'oauth-installs', env: { HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '' } });
    sandbox.registerApp({
      clientId: p.config.HUBSPOT_CLIENT_ID!, clientSecret: p.config.HUBSPOT_CLIENT_SECRET!,
      redirectUris: [p.config.urls.oauthCallback], requiredScopes: p.config.HUBSPOT_SCOPES.split(' '),
    });
  });
  afterAll(async () => {
    await p.close();
    await sandbox.close();
  });

  const installations = () => createInstallationStore({ redis: p.redis, keys: p.keys, encryptionKey: ENCRYPTION_KEY });

  /** Approves an install in the sandbox for `portalId`; returns the callback URL HubSpot sends the browser to. */
  async function approve(portalId: number, state?: string): Promise<URL> {
    const url = sandbox.authorizeUrl({
      clientId: p.config.HUBSPOT_CLIENT_ID!, redirectUri: p.config.urls.oauthCallback, scopes: p.config.HUBSPOT_SCOPES.split(' '), state, portalId, auto: true,
    });
    const res = await fetch(url, { redirect: 'manual' });
    return new URL(res.headers.get('location')!);
  }

  /** The app's own callback for a URL HubSpot redirected to (the public base URL replaced by the local server). */
  const callback = (location: URL) => httpRequest(`${p.app.url}${location.pathname}${location.search}`);

  /** A state issued by the app's own `/oauth/install`. */
  async function issuedState(): Promise<string> {
    const res = await httpRequest(`${p.app.url}/oauth/install`);
    return new URL(String(res.headers.location)).searchParams.get('state')!;
  }

  it('completes an install HubSpot started, whose callback carries a code and no state', async () => {
    const location = await approve(HUBSPOT_STARTED);
    expect(location.searchParams.has('state')).toBe(false);
    const res = await callback(location);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Lead scoring is installed');
    expect(await installations().get(HUBSPOT_STARTED)).toMatchObject({ status: 'active', hubId: HUBSPOT_STARTED });
  });

  it('completes an install started at /oauth/install, and refuses its state when spent', async () => {
    const state = await issuedState();
    const location = await approve(APP_STARTED, state);
    expect((await callback(location)).status).toBe(200);
    expect(await installations().get(APP_STARTED)).toMatchObject({ status: 'active' });
    // The same state with a fresh code from HubSpot: refused, and no installation appears for the other portal.
    const replay = await callback(await approve(OTHER, state));
    expect(replay.status).toBe(400);
    expect(replay.text).toContain('Installation link expired');
    expect(await installations().get(OTHER)).toBeNull();
  });

  it('refuses a forged state and a state signed with another key, installing nothing', async () => {
    const state = await issuedState();
    const [payload] = state.split('.');
    for (const forged of [`${payload}.${'A'.repeat(43)}`, `${Buffer.from('{"n":"AAAAAAAAAAAAAAAAAAAAAA","e":99999999999999}').toString('base64url')}.${state.split('.')[1]}`]) {
      const res = await callback(await approve(OTHER, forged));
      expect(res.status).toBe(400);
    }
    expect(await installations().get(OTHER)).toBeNull();
  });

  it('leaves the key count unchanged after 1,000 unauthenticated install requests', async () => {
    const before = await keyCount(p);
    for (let i = 0; i < 1_000; i += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => httpRequest(`${p.app.url}/oauth/install`)));
      for (const a of answers) expect(a.status).toBe(302);
    }
    expect(await keyCount(p)).toBe(before);
  });
});
