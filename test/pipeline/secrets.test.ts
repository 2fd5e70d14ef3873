import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputPropertyDefinitions, parseModel } from '../../src/scoring/index.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { strictNock } from '../helpers/strict-nock.js';
import { batchResponse, crmContact, propertyChange } from './helpers/contacts.js';
import { API, CLIENT_SECRET, httpRequest, postWebhook, starterModel, startPipeline, type Pipeline } from './helpers/harness.js';

const PORTAL = 47711;
const SECRETS = {
  code: 'oauth-code-d41d8cd98f00b204',
  access1: 'CJSP5qf1MhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4',
  refresh1: 'de1b6f6e-7d1b-4e7b-9d3e-1f2a3b4c5d6e',
  access2: 'CKXR6qf1MhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-second',
  refresh2: 'f0e1d2c3-b4a5-4968-8778-695a4b3c2d1e',
};

strictNock({ localhost: true });

const echoUpdate = async (req: Request) =>
  batchResponse(((await req.json()) as { inputs: { id: string; properties: Record<string, string> }[] }).inputs.map((i) => ({ ...crmContact(i.id), properties: i.properties })));

describe('tokens and the client secret', () => {
  const { logger, lines } = capturedLogger('trace');
  let p: Pipeline;
  beforeAll(async () => {
    p = await startPipeline({ roles: ['web', 'worker'], label: 'secrets', logger, env: { LOG_LEVEL: 'trace' } });
  });
  afterAll(() => p.close());

  it('never appear in clear in Redis or in the logs of an install, a backfill, a webhook and a token refresh', async () => {
    const model = parseModel(starterModel());
    if (!model.ok) throw new Error('starter model invalid');
    const definitions = outputPropertyDefinitions(model.model);
    const auth = (token: string) => `Bearer ${token}`;
    const scope = nock(API)
      // Install: the code exchange, then the property group and the output properties.
      .post('/oauth/v3/token', (b) => b.grant_type === 'authorization_code' && b.code === SECRETS.code && b.client_secret === CLIENT_SECRET)
      .reply(200, { access_token: SECRETS.access1, refresh_token: SECRETS.refresh1, expires_in: 1800, token_type: 'bearer', hub_id: PORTAL, user_id: 7, scopes: ['oauth'] })
      .post('/crm/v3/properties/contacts/groups').matchHeader('authorization', auth(SECRETS.access1))
      .reply(201, { name: 'lead_scoring', label: 'Lead scoring', displayOrder: -1, archived: false })
      .post('/crm/v3/properties/contacts').times(definitions.length).matchHeader('authorization', auth(SECRETS.access1))
      .reply(201, async (req) => ({ ...((await req.json()) as object), archived: false }))
      // Backfill: one page of contacts with property history, one batch update.
      .get('/crm/v3/objects/contacts').query(true).matchHeader('authorization', auth(SECRETS.access1))
      .reply(200, { results: [crmContact('9001'), crmContact('9002')].map((c) => ({ ...c, propertiesWithHistory: {} })) })
      .post('/crm/v3/objects/contacts/batch/update').matchHeader('authorization', auth(SECRETS.access1))
      .reply(200, echoUpdate)
      // A webhook later: HubSpot has expired the token (401) → one refresh → the read and write go through.
      .post('/crm/v3/objects/contacts/batch/read').query(true).matchHeader('authorization', auth(SECRETS.access1))
      .reply(401, { status: 'error', category: 'EXPIRED_AUTHENTICATION', message: 'The OAuth token used to make this call expired' })
      .post('/oauth/v3/token', (b) => b.grant_type === 'refresh_token' && b.refresh_token === SECRETS.refresh1)
      .reply(200, { access_token: SECRETS.access2, refresh_token: SECRETS.refresh2, expires_in: 1800, token_type: 'bearer' })
      .post('/crm/v3/objects/contacts/batch/read').query(true).matchHeader('authorization', auth(SECRETS.access2))
      .reply(200, async (req) => batchResponse(((await req.json()) as { inputs: { id: string }[] }).inputs.map((i) => crmContact(i.id))))
      .post('/crm/v3/objects/contacts/batch/update').matchHeader('authorization', auth(SECRETS.access2))
      .reply(200, echoUpdate);

    const start = await httpRequest(`${p.app.url}/oauth/install`);
    expect(start.status).toBe(302);
    const authorize = new URL(String(start.headers.location));
    expect(authorize.origin + authorize.pathname).toBe('https://app.hubspot.test/oauth/authorize');
    const state = authorize.searchParams.get('state')!;
    const done = await httpRequest(`${p.app.url}/oauth/callback?code=${SECRETS.code}&state=${encodeURIComponent(state)}`);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Lead scoring is installed');
    await p.idle(PORTAL);
    expect(await p.redis.hget(p.keys.portal(PORTAL).backfill, 'status')).toBe('done');

    const webhook = [propertyChange(PORTAL, 9001, 'hs_analytics_last_url', 'https://www.example.com/pricing', Date.now() - 1_000, 1)];
    expect((await postWebhook(p.app.url!, JSON.stringify(webhook))).status).toBe(204);
    await p.idle(PORTAL);
    scope.done();

    const stored = (await dumpPrefix(p.redis, p.prefix)).join('\n');
    const logs = lines.join('\n');
    expect(stored).toContain(String(PORTAL)); // the dump is not empty: the check below could fail
    expect(logs).toContain('access token refreshed');
    for (const [name, secret] of Object.entries({ ...SECRETS, clientSecret: CLIENT_SECRET })) {
      expect(stored.includes(secret), `${name} in Redis`).toBe(false);
      expect(logs.includes(secret), `${name} in logs`).toBe(false);
    }
  });
});
