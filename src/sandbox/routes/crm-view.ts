import { Router } from 'express';
import type { SandboxContext } from '../context.js';
import type { CrmRecord } from '../crm/object-store.js';
import type { Portal } from '../crm/portal.js';
import { compareValues } from '../crm/search-filter.js';
import { apiError } from '../http/hubspot-error.js';

/**
 * A read-only "CRM" page of a portal's contacts, standing in for HubSpot's contact list: the descriptive
 * columns plus every property an installed app created (its score properties), newest writes visible as they
 * happen (the page refreshes itself). `?sort=-lead_score&limit=50`.
 */
const BASE_COLUMNS = ['firstname', 'lastname', 'email', 'jobtitle', 'company', 'lifecyclestage'];
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function appColumns(portal: Portal): string[] {
  return portal.properties.contacts.list().filter((d) => !d.hubspotDefined && !d.name.startsWith('xed_')).map((d) => d.name);
}

function sorted(portal: Portal, sort: string | undefined, limit: number): CrmRecord[] {
  const all = [...portal.objects.contacts.all()];
  if (sort) {
    const name = sort.replace(/^-/, '');
    const sign = sort.startsWith('-') ? -1 : 1;
    all.sort((a, b) => {
      const x = portal.value('contacts', a, name);
      const y = portal.value('contacts', b, name);
      if (!x || !y) return x === y ? 0 : !x ? 1 : -1;
      return sign * compareValues(x, y);
    });
  }
  return all.slice(0, limit);
}

/**
 * Where an installed app shows a contact's card: its local preview (`/preview/contacts/:id`, served in sandbox
 * mode) on the origin of its first redirect URL, as HubSpot's record page would show the app's card.
 */
function cardLinks(ctx: SandboxContext, portalId: number): { app: string; href: (id: string) => string }[] {
  return ctx.apps.installedApps(portalId).map((app) => {
    const origin = new URL(app.redirectUris[0]!).origin;
    return { app: app.name, href: (id: string) => `${origin}/preview/contacts/${encodeURIComponent(id)}` };
  });
}

export function crmViewRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.get('/_sandbox/portals/:portalId', (req, res) => {
    const portal = ctx.portals.get(Number(req.params.portalId));
    if (!portal) throw apiError(404, 'OBJECT_NOT_FOUND', `No portal ${req.params.portalId}`);
    const columns = [...BASE_COLUMNS, ...appColumns(portal)];
    const sort = typeof req.query.sort === 'string' ? req.query.sort : appColumns(portal).includes('lead_score') ? '-lead_score' : undefined;
    const limit = Math.min(1000, Math.max(1, Number(req.query.limit) || 100));
    const cards = cardLinks(ctx, portal.id);
    const rows = sorted(portal, sort, limit).map((rec) =>
      `<tr><td>${rec.id}</td><td>${cards.map((c) => `<a href="${escape(c.href(rec.id))}" data-testid="card-link">card</a>`).join(' ')}</td>${columns.map((c) => `<td>${escape(portal.value('contacts', rec, c) ?? '')}</td>`).join('')}</tr>`).join('\n');
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>Portal ${portal.id} contacts</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}</style></head>
<body><h1>Portal ${portal.id}: ${portal.objects.contacts.size} contacts</h1>
<p>Sandbox CRM view, ${sort ? `sorted by ${escape(sort)}, ` : ''}first ${limit}; refreshes every 5 s.</p>
<table id="contacts"><thead><tr><th>id</th><th>${cards.length ? 'app card' : ''}</th>${columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></body></html>`);
  });
  return r;
}
