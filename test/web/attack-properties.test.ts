import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signV3 } from '../../src/hubspot/signature.js';
import { dumpPrefix } from '../helpers/dump-prefix.js';
import { CLIENT_SECRET, startApiHarness, type ApiHarness } from './helpers/api-harness.js';
import { apiModel } from './helpers/api-model.js';

const P = 53_201;
const RUNS = 40;
const ROUTES = [
  ['GET', '/api/card/contacts/:id'], ['POST', '/api/card/contacts/:id/recalculate'], ['GET', '/api/models'],
  ['GET', '/api/models/:id/versions'], ['GET', '/api/models/:id/draft'], ['PUT', '/api/models/:id/draft'],
  ['POST', '/api/models/:id/draft/test'], ['POST', '/api/models/:id/draft/preview'], ['POST', '/api/models/:id/publish'],
  ['GET', '/api/models/:id/rescore'], ['POST', '/api/models/:id/rollback'], ['GET', '/api/models/:id/export'],
  ['POST', '/api/models/import'], ['POST', '/api/analysis/:id/suggestion'], ['GET', '/api/analysis/:id/accuracy'],
  ['POST', '/webhooks/hubspot'], ['POST', '/workflow-actions/score'],
] as const;

/** Open-ended input: JSON-ish values, deep nesting, odd strings, model-shaped documents. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.integer({ min: 1, max: 40_000 }).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`),
  fc.integer({ min: 1, max: 20_000 }).map((d) => JSON.stringify({ model: 'M' }).replace('"M"', `${'{"not":'.repeat(d)}{"property":"x","op":"known"}${'}'.repeat(d)}`)),
  fc.record({ model: fc.record({ id: fc.string(), name: fc.string(), propertyPrefix: fc.constantFrom('firstname', 'hs_x', 'lead_score', '!'), fit: fc.jsonValue(), engagement: fc.jsonValue() }) }),
  fc.array(fc.record({ subscriptionType: fc.string(), portalId: fc.integer(), objectId: fc.integer(), propertyName: fc.string(), propertyValue: fc.string() })),
);
const id = fc.oneof(fc.constantFrom('inbound', '1', '0', '..', '%00', 'a'.repeat(300), '__proto__'), fc.string({ maxLength: 30 }));
const headers = fc.dictionary(
  fc.constantFrom('x-hubspot-signature', 'x-hubspot-signature-v3', 'x-hubspot-signature-version', 'x-hubspot-request-timestamp', 'content-type', 'x-forwarded-host', 'x-hubspot-portal-id'),
  fc.string({ maxLength: 80 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
);

/**
 * Arbitrary bodies, headers, ids and model documents against every entry point of the web process: nothing
 * answers 5xx, and nothing is stored unless the request is validly signed (the scan of the test prefix is
 * identical before and after the unsigned runs).
 */
describe('attacks on the web process', () => {
  let h: ApiHarness;
  let prefix: string;
  beforeAll(async () => {
    h = await startApiHarness([P]);
    await h.publish(P, apiModel());
    prefix = h.ctx.keys.prefix;
  });
  afterAll(async () => { await h?.close(); });

  const send = async (method: string, path: string, body: string, extra: Record<string, string>, signed: boolean) => {
    const query = new URLSearchParams({ portalId: String(P), userId: '7' }).toString();
    const url = `${path}?${query}`;
    const ts = Date.now();
    const sig: Record<string, string> = signed ? { 'x-hubspot-signature-v3': signV3({ secret: CLIENT_SECRET, method, url: `${h.config.PUBLIC_BASE_URL}${url}`, body, timestamp: ts }), 'x-hubspot-request-timestamp': String(ts) } : {};
    const res = await fetch(`${h.origin}${url}`, { method, headers: { ...extra, ...sig }, ...(method === 'GET' ? {} : { body }) });
    await res.arrayBuffer();
    return res.status;
  };

  it('never answers 5xx and stores nothing for unsigned or badly signed requests', async () => {
    const before = (await dumpPrefix(h.ctx.redis, prefix)).join('\n');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), id, junk, headers, async ([method, route], ident, body, extra) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const status = await send(method, route.replace(':id', encodeURIComponent(ident)), text, extra, false);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS * 3 },
    );
    expect((await dumpPrefix(h.ctx.redis, prefix)).join('\n')).toBe(before);
  });

  it('never answers 5xx to validly signed requests carrying arbitrary ids, bodies and model documents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES.filter(([, r]) => r.startsWith('/api'))), id, junk, async ([method, route], ident, body) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        const status = await send(method, route.replace(':id', encodeURIComponent(ident)), text, { 'content-type': 'application/json' }, true);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});
