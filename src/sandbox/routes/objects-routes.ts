import { Router } from 'express';
import { portalOf, type SandboxContext } from '../context.js';
import type { ObjectTypeName } from '../crm/default-properties.js';
import type { CrmRecord } from '../crm/object-store.js';
import type { Portal } from '../crm/portal.js';
import { toPublicObject, type PublicObject } from '../crm/serialize.js';
import { requireScopes } from '../http/auth.js';
import { apiError, validationError } from '../http/hubspot-error.js';
import { listParam, objectScope, objectType } from '../http/params.js';

/** CRM objects v3: list with `after` paging (≤ 100 a page) and read one. */
const SINGULAR: Record<ObjectTypeName, string> = { contacts: 'contact', deals: 'deal', companies: 'company' };

function withAssociations(portal: Portal, type: ObjectTypeName, record: CrmRecord, obj: PublicObject, names: string[] | undefined) {
  if (!names?.length) return obj;
  const associations: Record<string, { results: { id: string; type: string }[] }> = {};
  for (const raw of names) {
    let to: ObjectTypeName;
    try { to = objectType(raw); } catch { continue; }
    const list = portal.associations.of(type, record.id, to);
    if (list.length) associations[to] = { results: list.map((a) => ({ id: a.toId, type: `${SINGULAR[type]}_to_${SINGULAR[to]}` })) };
  }
  return Object.keys(associations).length ? { ...obj, associations } : obj;
}

function intParam(raw: unknown, name: string, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw validationError(`${name} must be a non-negative integer; got ${String(raw)}`);
  return n;
}

export function objectsRoutes(ctx: SandboxContext): Router {
  const r = Router();

  r.get('/crm/v3/objects/:objectType', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'read')]);
    const portal = portalOf(ctx, res);
    const limit = intParam(req.query.limit, 'limit', 10);
    const history = listParam(req.query.propertiesWithHistory) ?? [];
    const max = history.length ? ctx.historyBatchMax : 100;
    if (limit < 1 || limit > max) throw validationError(`limit must be between 1 and ${max}${history.length ? ' when propertiesWithHistory is requested' : ''}; got ${limit}`);
    if (req.query.archived === 'true') return void res.json({ results: [] });
    const after = intParam(req.query.after, 'after', 0);
    const page = portal.objects[type].page(after, limit);
    const properties = listParam(req.query.properties);
    const assoc = listParam(req.query.associations);
    const results = page.records.map((rec) => withAssociations(portal, type, rec, toPublicObject(portal, type, rec, properties, history), assoc));
    const link = (a: string) => `${ctx.baseUrl()}/crm/v3/objects/${req.params.objectType}?limit=${limit}&after=${a}`;
    res.json(page.next ? { results, paging: { next: { after: page.next, link: link(page.next) } } } : { results });
  });

  r.get('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'read')]);
    const portal = portalOf(ctx, res);
    const rec = portal.objects[type].get(req.params.objectId);
    if (!rec) {
      throw apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [req.params.objectId] } });
    }
    const obj = toPublicObject(portal, type, rec, listParam(req.query.properties), listParam(req.query.propertiesWithHistory));
    res.json(withAssociations(portal, type, rec, obj, listParam(req.query.associations)));
  });
  return r;
}
