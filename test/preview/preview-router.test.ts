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

  it('lists the contacts by score, highest first, each linking to its card, and finds them by name', async () => {
    const html = await (await fetch(`${app.url}/preview`)).text();
    const scoresOf = (page: string) => [...page.matchAll(/data-testid="contact-score">([^<]*)</g)].map((m) => m[1]!);
    const scores = scoresOf(html);
    expect(scores).toHaveLength(12);
    // Scored contacts by total, highest first; out-of-scope ones (no score) after them, as HubSpot sorts empty values.
    const scored = scores.filter((x) => x !== '—').map(Number);
    expect(scored.length).toBeGreaterThan(3);
    expect(scored).toEqual([...scored].sort((a, b) => b - a));
    expect(scores.slice(scored.length).every((x) => x === '—')).toBe(true);
    expect(html).toContain(`href="/preview/contacts/${contact}"`);
    const ascending = scoresOf(await (await fetch(`${app.url}/preview?sort=score`)).text());
    expect(ascending.filter((x) => x !== '—').map(Number)).toEqual([...scored].reverse());

    const [c] = (await app.gateway.forPortal(PORTAL).batchReadContacts([contact], ['firstname', 'lastname'])).results;
    const found = await (await fetch(`${app.url}/preview?q=${encodeURIComponent(`${c!.properties.firstname} ${c!.properties.lastname}`)}`)).text();
    expect(found).toContain(`href="/preview/contacts/${contact}"`);
    expect(found).toMatch(/data-testid="contact-count">1 contact matching/);
  });

  it('links each contact of the sandbox CRM list to its card in the app', async () => {
    const html = await (await fetch(`${app.sandbox.url}/_sandbox/portals/${PORTAL}`)).text();
    // The app's origin as its redirect URL names it (PUBLIC_BASE_URL; https://scoring.example.com in these tests).
    expect(html).toContain(`href="https://scoring.example.com/preview/contacts/${contact}"`);
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
