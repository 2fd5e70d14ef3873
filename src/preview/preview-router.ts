import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { PipelineContext } from '../queue/context.js';
import { outputNames } from '../scoring/index.js';
import { HttpError } from '../web/http-error.js';
import { previewBundle } from './bundle.js';
import { listPage, propertiesPanel, renderPage } from './page.js';
import { forwardSigned } from './signing-proxy.js';

export type PreviewDeps = {
  /** The preview signs whatever its page asks with the app's secret: it exists only in sandbox mode. */
  sandboxMode: true;
  ctx: Pick<PipelineContext, 'gateway' | 'models'>;
  /** The secret HubSpot would sign with (the sandbox app's). */
  secret: string;
  publicBaseUrl: string;
  portalId: number;
  appId: number;
  now?: () => number;
};

/** What a record page shows in its properties panel, before the score properties of each published model. */
const RECORD_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle', 'company', 'industry', 'numberofemployees', 'lifecyclestage', 'hs_lead_status'];

const LIST_PROPERTIES = ['firstname', 'lastname', 'email', 'jobtitle', 'company'];
const LIST_LIMIT = 100;
const ListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  sort: z.enum(['-score', 'score', 'name', '-name']).catch('-score'),
});
const FetchBody = z.object({ url: z.string().url(), method: z.enum(['GET', 'POST', 'PUT']), body: z.record(z.string(), z.unknown()).optional() });
const PropertiesBody = z.object({ contactId: z.string().regex(/^\d{1,20}$/), properties: z.array(z.string().max(100)).max(200) });

/**
 * The local preview (sandbox mode): the contact card of any sandbox contact at /preview/contacts/:id and the
 * settings page at /preview/settings, drawn in the browser from the same components HubSpot would run
 * (extensions/preview/host.tsx). Their `hubspot.fetch` calls come back to /preview/fetch, which signs them like
 * HubSpot and sends them to this app's own signed API. Mount at the root, before the app's routes.
 */
export function previewRouter(deps: PreviewDeps): Router {
  if (deps.sandboxMode !== true) throw new AppError('PREVIEW_NOT_SANDBOX', 'The preview host signs requests with the client secret: mount it only in sandbox mode.');
  const { ctx, portalId } = deps;
  const router = express.Router();
  const gw = () => ctx.gateway.forPortal(portalId);
  const config = (extra: Record<string, unknown>) => ({ apiBaseUrl: deps.publicBaseUrl, portalId, ...extra });

  async function scoreProperties(): Promise<string[]> {
    const published = await ctx.models.listPublished(portalId);
    return published.flatMap(({ model }) => { const n = outputNames(model); return [n.total, n.fit, n.engagement, n.grade, n.stage, n.reason]; });
  }

  // The contact list, as HubSpot's index page: searchable (HubSpot's CRM search `query`), sorted by the first
  // published model's total (highest first by default) or by name, each row linking to the contact's card.
  router.get('/preview', async (req, res) => {
    const q = ListQuery.parse(req.query);
    const model = (await ctx.models.listPublished(portalId))[0]?.model;
    const names = model ? outputNames(model) : null;
    const sortProperty = q.sort.endsWith('name') || !names ? 'lastname' : names.total;
    const found = await gw().searchContacts({
      ...(q.q ? { query: q.q } : {}),
      properties: [...LIST_PROPERTIES, ...(names ? [names.total, names.stage] : [])],
      sorts: [{ propertyName: sortProperty, direction: q.sort.startsWith('-') ? 'DESCENDING' : 'ASCENDING' }],
      limit: LIST_LIMIT,
    });
    res.type('html').send(listPage({
      q: q.q ?? '', sort: q.sort, total: found.total,
      rows: found.results.map((c) => ({
        id: c.id,
        label: [c.properties.firstname, c.properties.lastname].filter(Boolean).join(' ') || c.properties.email || `Contact ${c.id}`,
        detail: [c.properties.jobtitle, c.properties.company].filter(Boolean).join(' · '),
        email: c.properties.email ?? '',
        score: names ? c.properties[names.total] ?? null : null,
        stage: names ? c.properties[names.stage] ?? null : null,
      })),
    }));
  });

  router.get('/preview/contacts/:id', async (req, res) => {
    const id = z.string().regex(/^\d{1,20}$/).safeParse(req.params.id);
    if (!id.success) throw new HttpError(400, 'BAD_REQUEST', 'A contact id is a number');
    const names = [...RECORD_PROPERTIES, ...(await scoreProperties())];
    const read = await gw().batchReadContacts([id.data], names);
    const contact = read.results[0];
    if (!contact) throw new HttpError(404, 'NOT_FOUND', `No contact ${id.data} in the sandbox portal`);
    const name = [contact.properties.firstname, contact.properties.lastname].filter(Boolean).join(' ') || `Contact ${id.data}`;
    const shown = Object.fromEntries(names.map((n) => [n, contact.properties[n] ?? null]));
    res.type('html').send(renderPage({
      title: name, crumbs: ['Contacts', name, 'Lead score (app card)'], aside: propertiesPanel(name, shown),
      config: config({ location: 'crm.record.tab', contactId: id.data }),
    }));
  });

  router.get('/preview/settings', (_req, res) => {
    res.type('html').send(renderPage({ title: 'Settings', crumbs: ['Connected apps', 'Lead Scoring', 'Settings'], config: config({ location: 'settings' }) }));
  });

  router.get('/preview/assets/host.js', async (_req, res) => {
    res.type('js').set('cache-control', 'no-store').send(await previewBundle());
  });

  router.post('/preview/fetch', express.json({ limit: '1mb' }), async (req, res) => {
    const body = FetchBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'BAD_REQUEST', 'Expected { url, method, body? }');
    const out = await forwardSigned({
      secret: deps.secret, publicBaseUrl: deps.publicBaseUrl, localOrigin: localOrigin(req), portalId, userId: 1, appId: deps.appId, now: deps.now ?? Date.now,
    }, body.data);
    res.status(out.status).json(out.body);
  });

  router.post('/preview/crm/properties', express.json(), async (req, res) => {
    const body = PropertiesBody.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'BAD_REQUEST', 'Expected { contactId, properties }');
    const read = await gw().batchReadContacts([body.data.contactId], body.data.properties);
    res.json(read.results[0]?.properties ?? {});
  });

  return router;
}

/** This server's own address: the signed request goes to the app that serves the page. */
function localOrigin(req: Request): string {
  return `http://127.0.0.1:${req.socket.localPort}`;
}
