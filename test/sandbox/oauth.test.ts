import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, startSandbox, type RegisteredApp, type Sandbox } from '../../src/sandbox/index.js';
import { json, REDIRECT_URI } from './helpers.js';

/** The install flow over HTTP: consent page → code → tokens → refresh (rotating) → invalid_grant. */
const PORTAL = 32_000_001;
const SCOPES = ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.write'];
let sandbox: Sandbox;
let app: RegisteredApp;
const clock = manualClock(Date.parse('2026-06-01T12:00:00Z'));

async function start(): Promise<void> {
  sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts: 5 }, { id: PORTAL + 1, contacts: 2 }] }, clock);
  app = sandbox.registerApp({ name: 'Scoring test app', redirectUris: [REDIRECT_URI] });
}
afterEach(async () => { await sandbox?.close(); });

const form = (fields: Record<string, string>) => ({
  method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString(),
});
const token = (fields: Record<string, string>) =>
  fetch(`${sandbox.url}/oauth/v3/token`, form({ client_id: app.clientId, client_secret: app.clientSecret, ...fields }));
const codeFrom = (location: string | null) => new URL(location ?? 'http://x/').searchParams.get('code') ?? '';
const listContacts = (accessToken: string) =>
  fetch(`${sandbox.url}/crm/v3/objects/contacts?limit=1`, { headers: { authorization: `Bearer ${accessToken}` } });

describe('the sandbox OAuth flow', () => {
  it('shows a consent page naming the app, the accounts and the scopes, and redirects with code and state on approval', async () => {
    await start();
    const url = sandbox.authorizeUrl({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: SCOPES, optionalScopes: ['crm.objects.deals.read'], state: 's-1' });
    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Scoring test app');
    expect(html).toContain(`value="${PORTAL + 1}"`);
    for (const scope of [...SCOPES, 'crm.objects.deals.read']) expect(html).toContain(`<code>${scope}</code>`);

    const approved = await fetch(`${sandbox.url}/oauth/authorize`, {
      ...form({ client_id: app.clientId, redirect_uri: REDIRECT_URI, scope: SCOPES.join(' '), optional_scope: 'crm.objects.deals.read', state: 's-1', portal_id: String(PORTAL + 1), decision: 'approve' }),
      redirect: 'manual',
    });
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('s-1');

    const res = await token({ grant_type: 'authorization_code', code: location.searchParams.get('code')!, redirect_uri: REDIRECT_URI });
    const pair = await json(res);
    expect(res.status).toBe(200);
    expect(pair).toMatchObject({ token_type: 'bearer', expires_in: 1800, hub_id: PORTAL + 1, scopes: [...SCOPES, 'crm.objects.deals.read'] });
    expect(sandbox.apps.isInstalled(PORTAL + 1, app.appId)).toBe(true);
    expect(sandbox.apps.isInstalled(PORTAL, app.appId)).toBe(false);
  });

  it('approves at once with auto=1, and refuses an unregistered redirect URI or missing scopes', async () => {
    await start();
    const auto = await fetch(sandbox.authorizeUrl({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: SCOPES, auto: true }), { redirect: 'manual' });
    expect(auto.status).toBe(302);
    expect(codeFrom(auto.headers.get('location'))).not.toBe('');
    const badRedirect = await fetch(sandbox.authorizeUrl({ clientId: app.clientId, redirectUri: 'https://evil.example/cb', scopes: SCOPES }));
    expect(badRedirect.status).toBe(400);
    const fewerScopes = await fetch(sandbox.authorizeUrl({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: ['oauth'] }));
    expect([fewerScopes.status, await fewerScopes.text()]).toEqual([400, expect.stringContaining('mismatch')]);
  });

  it('exchanges a code once, refreshes with a new refresh token each time, and answers invalid_grant for a used one', async () => {
    await start();
    const code = codeFrom(sandbox.approveInstall({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: SCOPES, portalId: PORTAL }));
    const first = await json(token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }));
    expect((await listContacts(first.access_token)).status).toBe(200);

    const again = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    expect([again.status, await json(again)]).toEqual([400, expect.objectContaining({ status: 'BAD_AUTH_CODE', error: 'invalid_grant' })]);

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const second = await json(refreshed);
    expect(refreshed.status).toBe(200);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second).toMatchObject({ expires_in: 1800, hub_id: PORTAL });

    const reused = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    const body = await json(reused);
    expect(reused.status).toBe(400);
    expect(body).toMatchObject({ status: 'BAD_REFRESH_TOKEN', error: 'invalid_grant', category: 'VALIDATION_ERROR' });
    expect(typeof body.correlationId).toBe('string');
  });

  it('refuses a token exchange with the wrong redirect URI, secret, grant type or a JSON body', async () => {
    await start();
    const code = codeFrom(sandbox.approveInstall({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: SCOPES }));
    expect(await json(token({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9/other' }))).toMatchObject({ status: 'BAD_REDIRECT_URI' });
    expect(await json(token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_secret: 'wrong' }))).toMatchObject({ status: 'BAD_CLIENT_SECRET' });
    expect(await json(token({ grant_type: 'password' }))).toMatchObject({ status: 'BAD_GRANT_TYPE' });
    const jsonBody = await fetch(`${sandbox.url}/oauth/v3/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: app.clientId, client_secret: app.clientSecret }),
    });
    expect(jsonBody.status).toBe(400);
  });

  it('expires access tokens after expires_in seconds (401 EXPIRED_AUTHENTICATION) while the refresh token still works', async () => {
    await start();
    const code = codeFrom(sandbox.approveInstall({ clientId: app.clientId, redirectUri: REDIRECT_URI, scopes: SCOPES }));
    const pair = await json(token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }));
    clock.advance(1_799_000);
    expect((await listContacts(pair.access_token)).status).toBe(200);
    clock.advance(1_000);
    const expired = await listContacts(pair.access_token);
    expect([expired.status, (await json(expired)).category]).toEqual([401, 'EXPIRED_AUTHENTICATION']);
    const next = await json(token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token }));
    expect((await listContacts(next.access_token)).status).toBe(200);
  });

  it('introspects live tokens and reports unknown ones as inactive', async () => {
    await start();
    const pair = sandbox.installApp({ appId: app.appId, portalId: PORTAL });
    const introspect = (t: string) => fetch(`${sandbox.url}/oauth/v3/token/introspect`, form({ client_id: app.clientId, client_secret: app.clientSecret, token: t }));
    expect(await json(introspect(pair.access_token))).toMatchObject({
      active: true, token_use: 'access_token', hub_id: PORTAL, app_id: app.appId, client_id: app.clientId, expires_in: 1800,
    });
    expect(await json(introspect(pair.refresh_token))).toMatchObject({ active: true, token_use: 'refresh_token', hub_id: PORTAL });
    expect(await json(introspect('nope'))).toEqual({ active: false });
  });

  it('stops the tokens of an uninstalled app: API calls get 401 and refreshes get invalid_grant', async () => {
    await start();
    const pair = sandbox.installApp({ appId: app.appId, portalId: PORTAL });
    const del = await fetch(`${sandbox.url}/_sandbox/portals/${PORTAL}/apps/${app.appId}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect((await listContacts(pair.access_token)).status).toBe(401);
    const refresh = await token({ grant_type: 'refresh_token', refresh_token: pair.refresh_token });
    expect([refresh.status, (await json(refresh)).error]).toEqual([400, 'invalid_grant']);
  });
});
