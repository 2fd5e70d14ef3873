import { scoreSummary } from '../../src/store/scores.js';
import { createContactStores } from '../../src/store/contact-stores.js';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import express from 'express';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { repoRoot } from '../../src/hubspot/project-manifest-files.js';
import { signV2, signV3 } from '../../src/hubspot/signature.js';
import { compileModel, evaluate, parseModel, type Model } from '../../src/scoring/index.js';
import { createDirtyStore } from '../../src/store/dirty.js';
import { createInstallationStore } from '../../src/store/installations.js';
import { appKeys } from '../../src/store/keys.js';
import { createModelStore } from '../../src/store/models.js';
import { workflowActionDeps, workflowActionsRouter } from '../../src/web/workflow-actions-route.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

// The route runs behind a proxy: HubSpot signs the public URL, the test reaches the server on 127.0.0.1.
const PUBLIC = 'https://lead-scoring.example.com';
const SECRET = 'client-secret-for-tests';
const PORTAL = 62515;
const OTHER_PORTAL = 777;
const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

let redis: Redis;
let prefix: string;
let server: Server;
let origin: string;
let model: Model;
let dirtyAt: (contactId: string) => Promise<string | null>;
let storedResult: { total: number; fit: number; engagement: number; grade: string; stage: string };

beforeAll(async () => {
  redis = connect();
  prefix = uniquePrefix('wfa');
  const keys = appKeys(prefix);
  const encryptionKey = Buffer.alloc(32, 1).toString('base64');
  const config = loadConfig({ PUBLIC_BASE_URL: PUBLIC, HUBSPOT_CLIENT_ID: 'id', HUBSPOT_CLIENT_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: encryptionKey });
  const installations = createInstallationStore({ redis, keys, encryptionKey, clock: () => NOW });
  const models = createModelStore({ redis, keys, clock: () => NOW });
  const { scores } = createContactStores({ redis, keys, historyMax: 10, bounds: { maxAgeDays: 365, maxEvents: 200 } });
  const dirty = createDirtyStore({ redis, keys, settleMs: 0, leaseMs: 60_000 });

  await installations.save({ portalId: PORTAL, hubId: PORTAL, scopes: ['oauth'], accessToken: 'at', refreshToken: 'rt', expiresAt: NOW + 1_800_000 });
  const parsed = parseModel(JSON.parse(await readFile(join(repoRoot(), 'examples/starter-model.json'), 'utf8')));
  if (!parsed.ok) throw new Error('starter model invalid');
  model = parsed.model;
  await models.publishDocument(PORTAL, model);

  const compiled = compileModel(model);
  const inScope = evaluate(compiled, { properties: { jobtitle: 'VP Marketing', lifecyclestage: 'lead' }, events: [] }, NOW);
  const outOfScope = evaluate(compiled, { properties: { lifecyclestage: 'customer' }, events: [] }, NOW);
  if (!inScope.inScope || outOfScope.inScope) throw new Error('fixture contacts do not cover both cases');
  storedResult = inScope;
  const stored = (result: typeof inScope | typeof outOfScope) => ({ modelId: model.id, version: 1, scoredAt: NOW, outputs: {}, inScope: result.inScope, summary: scoreSummary(result) });
  await scores.write(PORTAL, [
    { contactId: '901', score: stored(inScope), changed: true },
    { contactId: '902', score: stored(outOfScope), changed: true },
  ], new Map());

  const app = express();
  app.use(workflowActionsRouter(workflowActionDeps({
    config, installations, models, scores, now: () => NOW,
    requestScore: async (portalId, contactId) => {
      await dirty.markDirty(portalId, [contactId], NOW);
    },
  })));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dirtyAt = (contactId) => redis.zscore(keys.portal(PORTAL).dirty, contactId);
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

function actionBody(contactId: number, portalId = PORTAL, inputFields: Record<string, string> = {}): string {
  return JSON.stringify({
    callbackId: `ap-${portalId}-1-0`,
    origin: { portalId, actionDefinitionId: 10646377, actionDefinitionVersion: 1 },
    context: { source: 'WORKFLOWS', workflowId: 192814114 },
    object: { objectId: contactId, objectType: 'CONTACT' },
    inputFields,
  });
}

async function post(body: string, headers: Record<string, string>, path = '/workflow-actions/score') {
  const res = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as Record<string, unknown> };
}

function v3(body: string, timestamp = NOW - 1_000, path = '/workflow-actions/score') {
  const signature = signV3({ secret: SECRET, method: 'POST', url: `${PUBLIC}${path}`, body, timestamp });
  return { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) };
}

describe('POST /workflow-actions/score', () => {
  it('answers a v3-signed request with the contact\'s stored score', async () => {
    const body = actionBody(901);
    const res = await post(body, v3(body));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      outputFields: {
        score: storedResult.total, fit: storedResult.fit, engagement: storedResult.engagement,
        grade: storedResult.grade, stage: storedResult.stage, hs_execution_state: 'SUCCESS',
      },
    });
  });

  it('accepts a v2-signed request, as HubSpot documents for workflow actions', async () => {
    const body = actionBody(901);
    const signature = signV2({ secret: SECRET, method: 'POST', url: `${PUBLIC}/workflow-actions/score`, body });
    const res = await post(body, { 'x-hubspot-signature': signature, 'x-hubspot-signature-version': 'v2' });
    expect(res.status).toBe(200);
    expect((res.json.outputFields as Record<string, unknown>).score).toBe(storedResult.total);
  });

  it('refuses a request valid under v2 when it also carries v3 headers that do not verify', async () => {
    const body = actionBody(901);
    const v2 = { 'x-hubspot-signature': signV2({ secret: SECRET, method: 'POST', url: `${PUBLIC}/workflow-actions/score`, body }), 'x-hubspot-signature-version': 'v2' };
    const good = v3(body);
    const forged = { ...v2, 'x-hubspot-signature-v3': v3(actionBody(902))['x-hubspot-signature-v3'], 'x-hubspot-request-timestamp': good['x-hubspot-request-timestamp'] };
    expect(await post(body, forged)).toMatchObject({ status: 401, json: { error: 'SIGNATURE_INVALID', reason: 'mismatch' } });
    // v3 signature stripped, timestamp left; timestamp stripped, v3 signature left; both present but empty.
    const stripped = [
      { ...v2, 'x-hubspot-request-timestamp': good['x-hubspot-request-timestamp'] },
      { ...v2, 'x-hubspot-signature-v3': good['x-hubspot-signature-v3'] },
      { ...v2, 'x-hubspot-signature-v3': '', 'x-hubspot-request-timestamp': '' },
    ];
    for (const headers of stripped) expect(await post(body, headers)).toMatchObject({ status: 401, json: { error: 'SIGNATURE_INVALID', reason: 'missing' } });
    // The same v2 signature alone is the documented form and is served.
    expect((await post(body, v2)).status).toBe(200);
  });

  it('answers a repeated v2 request as the first time, leaving the stored state as the first left it', async () => {
    const body = actionBody(904);
    const v2 = { 'x-hubspot-signature': signV2({ secret: SECRET, method: 'POST', url: `${PUBLIC}/workflow-actions/score`, body }), 'x-hubspot-signature-version': 'v2' };
    const first = await post(body, v2);
    const queuedAt = await dirtyAt('904');
    const keysAfterFirst = (await redis.keys(`${prefix}*`)).sort();
    expect(keysAfterFirst.length).toBeGreaterThan(0);
    const again = await post(body, v2);
    expect(first).toMatchObject({ status: 503, json: { error: 'NOT_SCORED_YET' } });
    expect(again).toEqual(first);
    expect(queuedAt).toBe(String(NOW));
    expect(await dirtyAt('904')).toBe(queuedAt);
    expect((await redis.keys(`${prefix}*`)).sort()).toEqual(keysAfterFirst);
  });

  it('verifies against the public URL including its query string', async () => {
    const body = actionBody(901);
    const path = '/workflow-actions/score?appId=42';
    const res = await post(body, v3(body, NOW, path), path);
    expect(res.status).toBe(200);
  });

  it('answers stage none and no numbers for a contact out of the model\'s scope', async () => {
    const body = actionBody(902);
    const res = await post(body, v3(body));
    expect(res.json).toEqual({ outputFields: { stage: 'none', hs_execution_state: 'SUCCESS' } });
  });

  it('rejects a tampered body with 401', async () => {
    const body = actionBody(901);
    const res = await post(actionBody(902), v3(body));
    expect(res).toMatchObject({ status: 401, json: { error: 'SIGNATURE_INVALID', reason: 'mismatch' } });
  });

  it('rejects a stale timestamp with 401', async () => {
    const body = actionBody(901);
    const res = await post(body, v3(body, NOW - 300_001));
    expect(res).toMatchObject({ status: 401, json: { reason: 'stale' } });
  });

  it('rejects an unsigned request with 401', async () => {
    const res = await post(actionBody(901), {});
    expect(res).toMatchObject({ status: 401, json: { reason: 'missing' } });
  });

  it('refuses a portal without an active installation', async () => {
    const body = actionBody(901, OTHER_PORTAL);
    const res = await post(body, v3(body));
    expect(res).toMatchObject({ status: 403, json: { error: 'NOT_INSTALLED' } });
  });

  it('asks for a retry and queues the contact when it has no score yet', async () => {
    expect(await dirtyAt('903')).toBeNull();
    const body = actionBody(903);
    const res = await post(body, v3(body));
    expect(res).toMatchObject({ status: 503, retryAfter: '60', json: { error: 'NOT_SCORED_YET' } });
    expect(await dirtyAt('903')).toBe(String(NOW));
  });

  it('fails and continues the workflow for an unknown model id', async () => {
    const body = actionBody(901, PORTAL, { modelId: 'nope' });
    const res = await post(body, v3(body));
    expect(res).toMatchObject({ status: 200, json: { outputFields: { hs_execution_state: 'FAIL_CONTINUE', error: 'no published model "nope"' } } });
  });

  it('uses the model named in the input field', async () => {
    const body = actionBody(901, PORTAL, { modelId: model.id });
    const res = await post(body, v3(body));
    expect(res.status).toBe(200);
    expect((res.json.outputFields as Record<string, unknown>).hs_execution_state).toBe('SUCCESS');
  });

  it('rejects a signed body that is not an action request with 400', async () => {
    const body = JSON.stringify({ object: { objectId: 'x' } });
    const res = await post(body, v3(body));
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('BODY_INVALID');
  });
});
