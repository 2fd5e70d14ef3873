import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Client } from '@hubspot/api-client';
import { startSandbox, type RegisteredApp, type Sandbox, type SandboxOptions, type WebhookEvent } from '../../src/sandbox/index.js';
import { rejection } from './helpers.js';

/**
 * Webhooks as the app receives them, on a real HTTP server. The signature is checked with an implementation of
 * HubSpot's v3 rule written here from PLATFORM.md §3 (not the production one): base64 HMAC-SHA256 keyed with the
 * client secret over method + full URI + raw body + timestamp header.
 */
function independentV3(secret: string, method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${method}${uri}${body}${timestamp}`, 'utf8').digest('base64');
}
function verifies(secret: string, r: Received, tamper: Partial<{ method: string; uri: string; body: string; timestamp: string }> = {}): boolean {
  const expected = Buffer.from(independentV3(secret, tamper.method ?? r.method, tamper.uri ?? r.uri, tamper.body ?? r.body, tamper.timestamp ?? r.timestamp));
  const actual = Buffer.from(r.signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

type Received = { method: string; uri: string; body: string; timestamp: string; signature: string; headers: IncomingHttpHeaders; events: WebhookEvent[] };
const PORTAL = 33_000_001;
let sandbox: Sandbox | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await sandbox?.close();
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  sandbox = undefined;
  receiver = undefined;
});

/** A receiver answering with `respond(n)` for its n-th request (0-based), and a sandbox whose app posts to it. */
async function setup(respond: (n: number) => { status: number; delayMs?: number }, subscriptions: object[], options: SandboxOptions = {}) {
  const received: Received[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length;
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        method: req.method!, uri: `http://127.0.0.1:${(receiver!.address() as AddressInfo).port}${req.url}`, body, headers: req.headers,
        timestamp: String(req.headers['x-hubspot-request-timestamp']), signature: String(req.headers['x-hubspot-signature-v3']), events: JSON.parse(body),
      });
      const { status, delayMs = 0 } = respond(n);
      setTimeout(() => { if (!res.destroyed) res.writeHead(status).end(); }, delayMs);
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
  const targetUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/hubspot?source=sandbox`;
  sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts: 300, seed: 'hooks' }], ...options, webhooks: { batchDelayMs: 20, retryBaseMs: 10, timeoutMs: 1_000, ...options.webhooks } });
  const app: RegisteredApp = sandbox.registerApp({ redirectUris: ['http://127.0.0.1:9/cb'], webhooks: { targetUrl, subscriptions: subscriptions as never } });
  sandbox.installApp({ appId: app.appId, portalId: PORTAL });
  return { received, app, sandbox, targetUrl };
}

const edit = (s: Sandbox, id: string, properties: Record<string, string>) =>
  fetch(`${s.url}/_sandbox/portals/${PORTAL}/contacts/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ properties }) });

describe('sandbox webhooks', () => {
  it('signs each delivery so HubSpot\'s v3 rule verifies it, and tampering with method, URL, body or timestamp fails it', async () => {
    const { received, app, sandbox: s, targetUrl } = await setup(() => ({ status: 204 }), [{ subscriptionType: 'contact.propertyChange', propertyName: 'jobtitle' }]);
    expect((await edit(s, '1005', { jobtitle: 'VP of Sales' })).status).toBe(200);
    await s.webhooks.drain();
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.method).toBe('POST');
    expect(r.uri).toBe(targetUrl);
    expect(Math.abs(Date.now() - Number(r.timestamp))).toBeLessThan(300_000);
    expect(verifies(app.clientSecret, r)).toBe(true);
    expect(verifies('another-secret', r)).toBe(false);
    expect(verifies(app.clientSecret, r, { method: 'PUT' })).toBe(false);
    expect(verifies(app.clientSecret, r, { uri: targetUrl.replace('source=sandbox', 'source=other') })).toBe(false);
    expect(verifies(app.clientSecret, r, { body: r.body.replace('VP of Sales', 'VP of Sale') })).toBe(false);
    expect(verifies(app.clientSecret, r, { timestamp: String(Number(r.timestamp) + 1) })).toBe(false);

    expect(r.events).toEqual([{
      eventId: expect.any(Number), subscriptionId: app.webhooks!.subscriptions[0]!.id, portalId: PORTAL, appId: app.appId,
      occurredAt: expect.any(Number), subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: 1005,
      changeSource: 'CRM_UI', sourceId: expect.stringMatching(/^userId:/), propertyName: 'jobtitle', propertyValue: 'VP of Sales',
    }]);
  });

  it('sends at most 100 events a request', async () => {
    const { received, sandbox: s } = await setup(() => ({ status: 200 }), [{ subscriptionType: 'contact.propertyChange', propertyName: 'jobtitle' }]);
    const portal = s.portal();
    let n = 0;
    for (const c of portal.objects.contacts.all()) {
      if (n++ === 250) break;
      portal.update('contacts', c, { jobtitle: `Title ${n}` }, { sourceType: 'IMPORT' });
    }
    await s.webhooks.drain();
    expect(received.map((r) => r.events.length)).toEqual([100, 100, 50]);
    const ids = received.flatMap((r) => r.events.map((e) => e.eventId));
    expect(new Set(ids).size).toBe(250);
    expect(s.webhooks.stats()).toMatchObject({ enqueued: 250, delivered: 250, dropped: 0, pending: 0 });
  });

  it('retries a failing target with backoff, raising attemptNumber, until it answers 2xx', async () => {
    const { received, sandbox: s } = await setup((n) => ({ status: n < 2 ? 503 : 200 }), [{ subscriptionType: 'object.propertyChange', objectType: 'contact', propertyName: 'city' }]);
    await edit(s, '1010', { city: 'Pune' });
    await s.webhooks.drain();
    expect(received.map((r) => r.events.map((e) => [e.attemptNumber, e.objectId, e.objectTypeId, e.propertyValue]))).toEqual([
      [[0, 1010, '0-1', 'Pune']], [[1, 1010, '0-1', 'Pune']], [[2, 1010, '0-1', 'Pune']],
    ]);
    expect(new Set(received.map((r) => r.events[0]!.eventId)).size).toBe(1);
    expect(s.webhooks.stats()).toMatchObject({ delivered: 1, failedAttempts: 2, dropped: 0 });
  });

  it('retries a delivery that times out', async () => {
    const { received, sandbox: s } = await setup((n) => ({ status: 200, delayMs: n === 0 ? 600 : 0 }), [{ subscriptionType: 'contact.creation' }], { webhooks: { timeoutMs: 150 } });
    s.portal().create('contacts', { email: 'new.lead@example.com' }, { sourceType: 'FORM' });
    await s.webhooks.drain();
    expect(received.map((r) => [r.events[0]!.attemptNumber, r.events[0]!.subscriptionType, r.events[0]!.changeFlag])).toEqual([
      [0, 'contact.creation', 'CREATED'], [1, 'contact.creation', 'CREATED'],
    ]);
    expect(s.webhooks.deliveries()[0]!.error).toMatch(/timeout/);
  });

  it('gives up after maxAttempts attempts', async () => {
    const { received, sandbox: s } = await setup(() => ({ status: 500 }), [{ subscriptionType: 'contact.propertyChange', propertyName: 'city' }], { webhooks: { maxAttempts: 3 } });
    await edit(s, '1002', { city: 'Goa' });
    await s.webhooks.drain();
    expect(received.map((r) => r.events[0]!.attemptNumber)).toEqual([0, 1, 2]);
    expect(s.webhooks.stats()).toMatchObject({ delivered: 0, dropped: 1, pending: 0 });
  });

  it('sends only subscribed properties, carries datetime values as epoch ms, and marks an app\'s own writes INTEGRATION', async () => {
    const { received, app, sandbox: s } = await setup(() => ({ status: 200 }), [
      { subscriptionType: 'contact.propertyChange', propertyName: 'hs_email_last_click_date' },
      { subscriptionType: 'contact.propertyChange', propertyName: 'firstname' },
    ]);
    const activity = s.simulator.burst(s.portal(), 40).filter((a) => a.kind === 'email_click');
    expect(activity.length).toBeGreaterThan(0);
    const tokens = s.installApp({ appId: app.appId, portalId: PORTAL });
    await fetch(`${s.url}/crm/v3/objects/contacts/batch/update`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ id: '1001', properties: { firstname: 'Asha', lastname: 'Not subscribed' } }] }),
    });
    await s.webhooks.drain();
    const events = received.flatMap((r) => r.events);
    expect(new Set(events.map((e) => e.propertyName))).toEqual(new Set(['hs_email_last_click_date', 'firstname']));
    const click = events.find((e) => e.propertyName === 'hs_email_last_click_date')!;
    expect([click.changeSource, click.propertyValue]).toEqual(['EMAIL', String(click.occurredAt)]);
    expect(events.find((e) => e.propertyName === 'firstname')).toMatchObject({ changeSource: 'INTEGRATION', sourceId: String(app.appId), objectId: 1001, propertyValue: 'Asha' });
  });

  it('reports archive, GDPR delete and merge made through the API as deletion, privacyDeletion and merge events', async () => {
    const { received, app, sandbox: s } = await setup(() => ({ status: 200 }), [
      { subscriptionType: 'object.deletion', objectType: 'contact' },
      { subscriptionType: 'object.merge', objectType: 'contact' },
      { subscriptionType: 'contact.privacyDeletion' },
    ]);
    const tokens = s.installApp({ appId: app.appId, portalId: PORTAL });
    const client = new Client({ basePath: s.url, accessToken: tokens.access_token, numberOfApiCallRetries: 0 });
    await client.crm.contacts.basicApi.archive('1020');
    await client.crm.contacts.basicApi.purge({ objectId: '1021' });
    const merged = await client.crm.contacts.basicApi.merge({ primaryObjectId: '1022', objectIdToMerge: '1023' });
    expect(merged.id).toBe('1022');
    await s.webhooks.drain();
    const events = received.flatMap((r) => r.events).sort((a, b) => a.eventId - b.eventId);
    expect(events.map((e) => [e.subscriptionType, e.objectId, e.changeFlag])).toEqual([
      ['object.deletion', 1020, 'DELETED'], ['contact.privacyDeletion', 1021, 'DELETED'], ['object.merge', 1022, 'MERGED'],
    ]);
    expect(events[2]).toMatchObject({ primaryObjectId: 1022, mergedObjectIds: [1023], objectTypeId: '0-1' });
    expect(s.portal().objects.contacts.get('1023')).toBeUndefined();
    expect((await rejection(client.crm.contacts.basicApi.getById('1020'))).code).toBe(404);
  });

  it('sends nothing for a portal where the app is not installed', async () => {
    const { received, app, sandbox: s } = await setup(() => ({ status: 200 }), [{ subscriptionType: 'contact.propertyChange', propertyName: 'city' }]);
    s.apps.uninstall(PORTAL, app.appId);
    await edit(s, '1003', { city: 'Delhi' });
    await s.webhooks.drain();
    expect(received).toHaveLength(0);
  });
});
