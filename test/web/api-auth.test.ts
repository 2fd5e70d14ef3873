import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './helpers/api-harness.js';

const PORTAL = 51_001;
const MODELS = '/api/models';

/** The signature edge of the card/settings API (PLATFORM.md §3): nothing unsigned, mis-signed or old gets in. */
describe('card/settings API authentication', () => {
  let h: ApiHarness;
  beforeAll(async () => { h = await startApiHarness([PORTAL]); });
  afterAll(async () => { await h?.close(); });

  it('answers a correctly signed request', async () => {
    expect(await h.call({ portalId: PORTAL, method: 'GET', path: MODELS })).toEqual({ status: 200, body: { models: [] } });
  });

  it('refuses an unsigned request', async () => {
    const res = await h.call({ portalId: PORTAL, method: 'GET', path: MODELS, unsigned: true });
    expect(res).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'The request signature is missing' } } });
  });

  it('refuses a request signed with another secret', async () => {
    const res = await h.call({ portalId: PORTAL, method: 'GET', path: MODELS, secret: 'not-the-client-secret' });
    expect(res).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'The request signature is not valid' } } });
  });

  it('refuses a request whose timestamp is more than 5 minutes old', async () => {
    const res = await h.call({ portalId: PORTAL, method: 'GET', path: MODELS, timestamp: Date.now() - 5 * 60_000 - 1_000 });
    expect(res).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'The request signature is too old' } } });
  });

  it('refuses a signed request whose portal was changed afterwards', async () => {
    const res = await h.call({ portalId: PORTAL, method: 'GET', path: MODELS, tamper: (r) => { r.query = r.query.replace(`portalId=${PORTAL}`, 'portalId=51002'); } });
    expect(res.status).toBe(401);
  });

  it('refuses a signed request whose body was changed afterwards', async () => {
    const res = await h.call({
      portalId: PORTAL, method: 'POST', path: '/api/models/import', body: { json: '{}' },
      tamper: (r) => { r.body = JSON.stringify({ json: '{"id":"evil"}' }); },
    });
    expect(res.status).toBe(401);
  });

  it('refuses a signed request that names no portal, or two', async () => {
    const none = await h.call({ portalId: null, method: 'GET', path: MODELS });
    expect(none).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'The signed request names no single numeric portalId' } } });
    const two = await h.call({ method: 'GET', path: MODELS, query: `portalId=${PORTAL}&portalId=51002` });
    expect(two.status).toBe(401);
  });

  it('checks the signature before the body is read as JSON or validated', async () => {
    const res = await h.call({ portalId: PORTAL, method: 'PUT', path: '/api/models/inbound/draft', body: 'not an object', unsigned: true });
    expect(res.body.error.code).toBe('UNAUTHORIZED');
    const signed = await h.call({ portalId: PORTAL, method: 'PUT', path: '/api/models/inbound/draft', body: 'not an object' });
    expect(signed).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
  });
});
