import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewRouter } from '../../src/preview/preview-router.js';
import { PORTAL, startPreviewApp, type PreviewApp } from './helpers/preview-app.js';

/** The preview server without a browser: pages, the bundle, and the signing proxy's limits. */
describe('the preview host server', () => {
  let app: PreviewApp;
  let contact: string;
  const proxy = (body: unknown) =>
    fetch(`${app.url}/preview/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    app = await startPreviewApp(12);
    contact = (await app.gateway.forPortal(PORTAL).listContacts({ properties: [], limit: 1 })).results[0]!.id;
  }, 60_000);
  afterAll(async () => { await app?.close(); });

  it('serves a contact page that boots the host with the contact and the public API base', async () => {
    const html = await (await fetch(`${app.url}/preview/contacts/${contact}`)).text();
    expect(html).toContain(`"location":"crm.record.tab","contactId":"${contact}"`);
    expect(html).toContain('"apiBaseUrl":"https://scoring.example.com"');
    expect(html).toContain('data-property="lead_score"');
  });

  it('builds the host bundle with the card and the settings page inside', async () => {
    const res = await fetch(`${app.url}/preview/assets/host.js`);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const js = await res.text();
    expect(js).toContain('Loading the lead score');
    expect(js).toContain('Loading scoring models');
  });

  it('relays a request to the signed API, signed like HubSpot signs hubspot.fetch', async () => {
    const res = await proxy({ url: `https://scoring.example.com/api/card/contacts/${contact}`, method: 'GET' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contactId: contact, model: { id: 'starter', version: 1 } });
  });

  it('refuses to sign for any origin other than the permitted one', async () => {
    const res = await proxy({ url: `https://evil.example.com/api/card/contacts/${contact}`, method: 'GET' });
    expect(res.status).toBe(403);
  });

  it('is never mounted outside sandbox mode', () => {
    expect(() => previewRouter({ sandboxMode: false as true, ctx: {} as never, secret: 's', publicBaseUrl: 'https://x.example', portalId: 1, appId: 1 }))
      .toThrow(/only in sandbox mode/);
  });
});
