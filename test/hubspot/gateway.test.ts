import nock from 'nock';
import { afterAll, describe, expect, it } from 'vitest';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { HubSpotRejectedError, HubSpotUnavailableError, RateLimitedError } from '../../src/hubspot/errors.js';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { redisSpace } from '../helpers/redis.js';
import { strictNock } from '../helpers/strict-nock.js';
import { API, CLIENT_SECRET, testConfig } from './helpers/adapter.js';

const config = testConfig({ HUBSPOT_REQUEST_TIMEOUT_MS: '300' });
const TOKENS = { access: 'crm-access-token-1', refresh: 'crm-refresh-token-1', fresh: 'crm-access-token-2' };

strictNock();

const contact = (id: string, props: Record<string, string | null>) => ({
  id, properties: props, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: '2026-01-10T10:00:01.123Z', archived: false,
});
const batchBody = (results: unknown[], extra: object = {}) => ({
  status: 'COMPLETE', results, startedAt: '2026-01-10T10:00:00Z', completedAt: '2026-01-10T10:00:01Z', ...extra,
});

describe('the HubSpot gateway', () => {
  const space = redisSpace('gateway');
  const { logger, lines } = capturedLogger();
  const calls: HubSpotCallEvent[] = [];
  const gateway = createHubSpotGateway({
    redis: space.redis, keys: space.keys, config, logger, onCall: (e) => calls.push(e), options: { maxWaitMs: 200 },
  });
  afterAll(async () => {
    await gateway.close();
    await space.cleanup();
  });
  let nextPortal = 100;
  async function freshPortal(): Promise<number> {
    const portalId = nextPortal++;
    await gateway.installations.save({
      portalId, hubId: portalId, scopes: ['oauth'], accessToken: TOKENS.access, refreshToken: TOKENS.refresh, expiresAt: Date.now() + 30 * 60_000,
    });
    return portalId;
  }

  it('reads a batch of contacts in one call and normalises property history', async () => {
    const portalId = await freshPortal();
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/read', {
        inputs: [{ id: '101' }, { id: '102' }], properties: ['email', 'jobtitle'], propertiesWithHistory: ['hs_email_last_click_date'],
      })
      .query({ archived: 'false' })
      .matchHeader('authorization', `Bearer ${TOKENS.access}`)
      .reply(200, batchBody([
        { ...contact('101', { email: 'a@example.com', jobtitle: null }), propertiesWithHistory: {
          hs_email_last_click_date: [{ value: '2026-01-10T10:00:00Z', timestamp: '2026-01-10T10:00:01.123Z', sourceType: 'EMAIL', updatedByUserId: 4 }],
        } },
        contact('102', { email: 'b@example.com', jobtitle: 'CTO' }),
      ]));
    const r = await gateway.forPortal(portalId).batchReadContacts(['101', '102', '101'], ['email', 'jobtitle'], ['hs_email_last_click_date']);
    scope.done();
    expect(r.errors).toEqual([]);
    expect(r.results).toEqual([
      { id: '101', properties: { email: 'a@example.com', jobtitle: null }, updatedAt: '2026-01-10T10:00:01.123Z', propertiesWithHistory: {
        hs_email_last_click_date: [{ value: '2026-01-10T10:00:00Z', timestamp: '2026-01-10T10:00:01.123Z', sourceType: 'EMAIL' }],
      } },
      { id: '102', properties: { email: 'b@example.com', jobtitle: 'CTO' }, updatedAt: '2026-01-10T10:00:01.123Z' },
    ]);
    expect(calls.filter((c) => c.portalId === portalId)).toMatchObject([{ operation: 'contacts.batchRead', outcome: 'ok', kind: 'default' }]);
  });

  it('splits a read with history into batches of 50 and one without into batches of 100', async () => {
    const portalId = await freshPortal();
    const ids = Array.from({ length: 120 }, (_, i) => String(i + 1));
    const sizes: number[] = [];
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/read', (b: { inputs: unknown[] }) => sizes.push(b.inputs.length) > 0)
      .query(true)
      .times(5)
      .reply(200, batchBody([]));
    await gateway.forPortal(portalId).batchReadContacts(ids, ['email'], ['hs_analytics_last_url']);
    await gateway.forPortal(portalId).batchReadContacts(ids, ['email']);
    scope.done();
    expect(sizes).toEqual([50, 50, 20, 100, 20]);
  });

  it('returns the records a 207 batch update refused instead of throwing', async () => {
    const portalId = await freshPortal();
    const inputs = [{ id: '1', properties: { lead_score: '42' } }, { id: '2', properties: { lead_score: '' } }];
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/update', { inputs })
      .reply(207, batchBody([contact('1', { lead_score: '42' })], {
        numErrors: 1,
        errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found.', context: { ids: ['2'] }, links: {} }],
      }));
    expect(await gateway.forPortal(portalId).batchUpdateContacts(inputs)).toEqual({
      updated: ['1'],
      errors: [{ category: 'OBJECT_NOT_FOUND', message: 'Object not found.', ids: ['2'] }],
    });
    scope.done();
  });

  it('refreshes the token after a 401 and retries the call once', async () => {
    const portalId = await freshPortal();
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/update')
      .matchHeader('authorization', `Bearer ${TOKENS.access}`)
      .reply(401, { status: 'error', category: 'EXPIRED_AUTHENTICATION', message: 'expired' })
      .post('/oauth/v3/token', { grant_type: 'refresh_token', refresh_token: TOKENS.refresh, client_id: 'client-id-123', client_secret: CLIENT_SECRET })
      .reply(200, { access_token: TOKENS.fresh, refresh_token: TOKENS.refresh, expires_in: 1800 })
      .post('/crm/v3/objects/contacts/batch/update')
      .matchHeader('authorization', `Bearer ${TOKENS.fresh}`)
      .reply(200, batchBody([contact('1', { lead_score: '7' })]));
    expect(await gateway.forPortal(portalId).batchUpdateContacts([{ id: '1', properties: { lead_score: '7' } }])).toEqual({ updated: ['1'], errors: [] });
    scope.done();
    expect(calls.filter((c) => c.portalId === portalId).map((c) => c.outcome)).toEqual(['refresh-token', 'ok']);
  });

  it('gives up after a second 401 with a fresh token, refreshing only once', async () => {
    const portalId = await freshPortal();
    const scope = nock(API)
      .get('/crm/v3/objects/contacts').query(true).reply(401, {})
      .post('/oauth/v3/token').reply(200, { access_token: TOKENS.fresh, refresh_token: TOKENS.refresh, expires_in: 1800 })
      .get('/crm/v3/objects/contacts').query(true).reply(401, {});
    const err = await gateway.forPortal(portalId).listContacts({ properties: ['email'] }).catch((e: unknown) => e);
    scope.done();
    expect(err).toBeInstanceOf(HubSpotRejectedError);
    expect(err).toMatchObject({ disposition: 'give-up', details: { status: 401 } });
  });

  it('pauses the portal on a 429 and throws RateLimitedError without retrying', async () => {
    const portalId = await freshPortal();
    const scope = nock(API)
      .post('/crm/v3/objects/contacts/batch/read')
      .query(true)
      .reply(429, { status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.', correlationId: 'corr-429' }, {
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': '110', 'X-HubSpot-RateLimit-Remaining': '0',
      });
    const before = Date.now();
    const err = await gateway.forPortal(portalId).batchReadContacts(['1'], ['email']).catch((e: unknown) => e);
    scope.done();
    expect(err).toBeInstanceOf(RateLimitedError);
    const retryAt = (err as RateLimitedError).retryAt;
    expect(retryAt).toBeGreaterThanOrEqual(before + 10_000 - 50);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 10_000 + 50);
    expect(await gateway.limiter.pausedUntil(portalId)).toBe(retryAt);
    // While paused, the next call fails fast with the same resume time and reaches no server.
    await expect(gateway.forPortal(portalId).batchReadContacts(['1'], ['email'])).rejects.toMatchObject({ code: 'HUBSPOT_RATE_LIMITED', retryAt });
  });

  it('turns a 5xx into one retryable error, with no retry loop inside', async () => {
    const portalId = await freshPortal();
    const scope = nock(API).post('/crm/v3/objects/contacts/batch/read').query(true).once().reply(502, 'Bad gateway');
    const err = await gateway.forPortal(portalId).batchReadContacts(['1'], ['email']).catch((e: unknown) => e);
    scope.done();
    expect(err).toBeInstanceOf(HubSpotUnavailableError);
    expect(err).toMatchObject({ disposition: 'retry', details: { status: 502 } });
  });

  it('treats a hung request as a retryable timeout', async () => {
    const portalId = await freshPortal();
    nock(API).post('/crm/v3/objects/contacts/batch/read').query(true).delay(2_000).reply(200, batchBody([]));
    await expect(gateway.forPortal(portalId).batchReadContacts(['1'], ['email'])).rejects.toMatchObject({ code: 'HUBSPOT_UNAVAILABLE', disposition: 'retry' });
    nock.abortPendingRequests();
  });

  it('gives up on a 400 and keeps HubSpot\'s category and correlation id', async () => {
    const portalId = await freshPortal();
    nock(API).post('/crm/v3/objects/contacts/batch/update').reply(400, { status: 'error', category: 'VALIDATION_ERROR', message: 'Property values were not valid', correlationId: 'corr-400' });
    await expect(gateway.forPortal(portalId).batchUpdateContacts([{ id: '1', properties: { lead_score_grade: 'Z' } }]))
      .rejects.toMatchObject({ code: 'HUBSPOT_REJECTED', disposition: 'give-up', details: { status: 400, category: 'VALIDATION_ERROR', correlationId: 'corr-400' } });
  });

  it('rejects a 2xx answer whose shape the pipeline cannot use', async () => {
    const portalId = await freshPortal();
    nock(API).post('/crm/v3/objects/contacts/batch/read').query(true).reply(200, batchBody([{ properties: {} }]));
    await expect(gateway.forPortal(portalId).batchReadContacts(['1'], ['email'])).rejects.toMatchObject({ code: 'HUBSPOT_BAD_RESPONSE', disposition: 'give-up' });
  });

  it('lists a page of contacts and returns the cursor of the next one', async () => {
    const portalId = await freshPortal();
    const scope = nock(API)
      .get('/crm/v3/objects/contacts')
      .query({ limit: '100', after: 'abc', properties: ['email', 'jobtitle'], archived: 'false' })
      .reply(200, { results: [contact('5', { email: 'e@example.com', jobtitle: null })], paging: { next: { after: 'def', link: 'x' } } })
      .get('/crm/v3/objects/contacts')
      .query({ limit: '100', after: 'def', properties: ['email', 'jobtitle'], archived: 'false' })
      .reply(200, { results: [] });
    const page = await gateway.forPortal(portalId).listContacts({ after: 'abc', properties: ['email', 'jobtitle'] });
    expect(page.nextAfter).toBe('def');
    expect(page.results.map((c) => c.id)).toEqual(['5']);
    expect((await gateway.forPortal(portalId).listContacts({ after: 'def', properties: ['email', 'jobtitle'] })).nextAfter).toBeNull();
    scope.done();
  });

  it('counts a search against the portal\'s search budget only', async () => {
    const portalId = await freshPortal();
    const request = { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: '0' }] }], sorts: ['hs_object_id'], properties: ['email'], limit: 200 };
    nock(API).post('/crm/v3/objects/contacts/search', request).reply(200, { total: 1, results: [contact('9', { email: null })] });
    expect(await gateway.forPortal(portalId).searchContacts(request)).toMatchObject({ total: 1, nextAfter: null, results: [{ id: '9' }] });
    expect(await space.redis.zcard(space.keys.portal(portalId).searchRateLimit)).toBe(1);
    // Search is exempt from the 10-second limit: the general window stays empty for the writes.
    expect(await space.redis.zcard(space.keys.portal(portalId).rateLimit)).toBe(0);
  });

  it('keeps tokens and the client secret out of Redis and out of the logs', async () => {
    const raw = (await dumpPrefix(space.redis, space.prefix)).join('\n');
    const logs = lines.join('\n');
    expect(logs).toContain('portal paused');
    for (const secret of [...Object.values(TOKENS), CLIENT_SECRET]) {
      expect(raw).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });
});
