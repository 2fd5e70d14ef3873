import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strictNock } from '../helpers/strict-nock.js';
import { API, httpRequest, startPipeline, type Pipeline } from '../pipeline/helpers/harness.js';

strictNock({ localhost: true });

describe('the OAuth routes', () => {
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web'], label: 'oauth' });
  });
  afterAll(() => p.close());

  async function freshState(): Promise<{ location: URL; state: string }> {
    const res = await httpRequest(`${p.app.url}/oauth/install`);
    expect(res.status).toBe(302);
    const location = new URL(String(res.headers.location));
    return { location, state: location.searchParams.get('state')! };
  }

  it('redirect the installer to HubSpot’s authorize page with the app’s callback and a signed state', async () => {
    const { location, state } = await freshState();
    expect(location.origin + location.pathname).toBe('https://app.hubspot.test/oauth/authorize');
    expect(location.searchParams.get('client_id')).toBe('pipeline-client-id');
    expect(location.searchParams.get('redirect_uri')).toBe('https://scoring.example.com/oauth/callback');
    expect(location.searchParams.get('scope')).toBe('oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.write');
    expect(state).toMatch(/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{43}$/);
  });

  it('answer a forged or reused state with a page asking to start again, without calling HubSpot', async () => {
    const res = await httpRequest(`${p.app.url}/oauth/callback?code=abc&state=${'A'.repeat(32)}.${'B'.repeat(43)}`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Installation link expired');
  });

  it('answer a declined install and an incomplete callback with 400 pages', async () => {
    const declined = await httpRequest(`${p.app.url}/oauth/callback?error=access_denied&error_description=User+cancelled`);
    expect(declined.status).toBe(400);
    expect(declined.text).toContain('Installation not completed');
    expect((await httpRequest(`${p.app.url}/oauth/callback?state=x`)).status).toBe(400);
  });

  it('answer a code HubSpot refuses with a 502 page, storing no installation', async () => {
    const { state } = await freshState();
    const scope = nock(API).post('/oauth/v3/token').reply(400, { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' });
    const res = await httpRequest(`${p.app.url}/oauth/callback?code=stale-code&state=${encodeURIComponent(state)}`);
    scope.done();
    expect(res.status).toBe(502);
    expect(res.text).toContain('HubSpot did not accept the installation code');
    expect(await p.redis.smembers(p.keys.portals)).toEqual([]);
    // The state was spent: using it again fails even though the code would now be accepted.
    expect((await httpRequest(`${p.app.url}/oauth/callback?code=other&state=${encodeURIComponent(state)}`)).status).toBe(400);
  });
});
