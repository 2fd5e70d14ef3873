import { Router, type Request } from 'express';
import { z } from 'zod';
import type { SandboxContext } from '../context.js';
import type { Portal } from '../crm/portal.js';
import { toPublicObject } from '../crm/serialize.js';
import { FaultSchema, type FaultInjector } from '../http/faults.js';
import { apiError, validationError } from '../http/hubspot-error.js';
import type { RequestLog } from '../http/request-log.js';
import { parseBody } from '../http/validate.js';
import type { WebhookDispatcher } from '../webhooks/dispatcher.js';

/**
 * The sandbox's own control endpoints under `/_sandbox` (not part of HubSpot; no auth, not rate limited, not
 * logged): request logs and counters per portal, fault injection, webhook delivery state, edits "in the CRM"
 * (which fire webhooks like a user's edit), simulated activity bursts, and uninstalling an app.
 */
export type AdminDeps = {
  log: RequestLog;
  faults: FaultInjector;
  webhooks: WebhookDispatcher;
  simulate(portalId: number, count: number): unknown[];
};

const Edit = z.object({ properties: z.record(z.string(), z.string()) });
const Simulate = z.object({ count: z.number().int().min(1).max(100_000) });

export function adminRoutes(ctx: SandboxContext, deps: AdminDeps): Router {
  const r = Router();
  const portal = (req: Request): Portal => {
    const p = ctx.portals.get(Number(req.params.portalId));
    if (!p) throw apiError(404, 'OBJECT_NOT_FOUND', `No portal ${String(req.params.portalId)}`);
    return p;
  };

  r.get('/_sandbox/portals', (_req, res) => {
    res.json({ results: [...ctx.portals.values()].map((p) => ({
      id: p.id, domain: p.domain, contacts: p.objects.contacts.size, deals: p.objects.deals.size,
      installedApps: ctx.apps.installedApps(p.id).map((a) => a.appId),
    })) });
  });
  r.get('/_sandbox/portals/:portalId/requests', (req, res) => {
    res.json(deps.log.summary(String(portal(req).id), Number(req.query.since ?? 0)));
  });
  r.delete('/_sandbox/portals/:portalId/requests', (req, res) => { deps.log.reset(String(portal(req).id)); res.status(204).end(); });
  r.post('/_sandbox/portals/:portalId/faults', (req, res) => {
    const p = portal(req);
    deps.faults.inject(p.id, parseBody(FaultSchema, req.body));
    res.status(201).json({ pending: deps.faults.pending(p.id) });
  });
  r.delete('/_sandbox/portals/:portalId/faults', (req, res) => { deps.faults.clear(portal(req).id); res.status(204).end(); });

  r.get('/_sandbox/portals/:portalId/contacts/:contactId', (req, res) => {
    const p = portal(req);
    const rec = p.objects.contacts.get(req.params.contactId as string);
    if (!rec) throw apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.');
    const names = p.properties.contacts.list().map((d) => d.name);
    res.json(toPublicObject(p, 'contacts', rec, names, names));
  });
  r.patch('/_sandbox/portals/:portalId/contacts/:contactId', (req, res) => {
    const p = portal(req);
    const rec = p.objects.contacts.get(req.params.contactId as string);
    if (!rec) throw apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.');
    const { values, problems } = p.validate('contacts', parseBody(Edit, req.body).properties, true);
    if (problems.length) throw validationError(`Property values were not valid: ${JSON.stringify(problems)}`);
    const changed = p.update('contacts', rec, values, { sourceType: 'CRM_UI', sourceId: `userId:${p.user.id}` });
    res.json({ changed });
  });
  r.post('/_sandbox/portals/:portalId/simulate', (req, res) => {
    res.json({ activities: deps.simulate(portal(req).id, parseBody(Simulate, req.body).count) });
  });
  r.delete('/_sandbox/portals/:portalId/apps/:appId', (req, res) => {
    const p = portal(req);
    const appId = Number(req.params.appId);
    ctx.apps.uninstall(p.id, appId);
    ctx.tokens.revokeApp(p.id, appId);
    res.status(204).end();
  });

  r.get('/_sandbox/webhooks', (_req, res) => { res.json({ stats: deps.webhooks.stats(), deliveries: deps.webhooks.deliveries() }); });
  r.post('/_sandbox/webhooks/drain', async (_req, res) => { await deps.webhooks.drain(); res.json(deps.webhooks.stats()); });
  return r;
}
