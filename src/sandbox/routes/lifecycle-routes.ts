import { Router } from 'express';
import { z } from 'zod';
import { portalOf, type SandboxContext } from '../context.js';
import { toPublicObject } from '../crm/serialize.js';
import { grantOf, requireScopes } from '../http/auth.js';
import { apiError } from '../http/hubspot-error.js';
import { objectScope, objectType } from '../http/params.js';
import { parseBody } from '../http/validate.js';

/**
 * The record lifecycle calls that produce the webhook events an app must handle: archive (deletion), merge, and
 * the contacts-only GDPR delete (privacyDeletion). Shapes from the spec collection's contacts v3.
 */
const Merge = z.object({ primaryObjectId: z.string().min(1), objectIdToMerge: z.string().min(1) });
const GdprDelete = z.object({ objectId: z.string().min(1), idProperty: z.string().optional() });

export function lifecycleRoutes(ctx: SandboxContext): Router {
  const r = Router();
  const notFound = (id: string) => apiError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', { context: { id: [id] } });

  r.post('/crm/v3/objects/:objectType/merge', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'write')]);
    const { primaryObjectId, objectIdToMerge } = parseBody(Merge, req.body);
    const portal = portalOf(ctx, res);
    const merged = portal.merge(type, primaryObjectId, objectIdToMerge, { sourceType: 'INTEGRATION', sourceId: String(grantOf(res).appId) });
    if (!merged) throw notFound(portal.objects[type].get(primaryObjectId) ? objectIdToMerge : primaryObjectId);
    res.json(toPublicObject(portal, type, merged, undefined));
  });

  r.post('/crm/v3/objects/contacts/gdpr-delete', (req, res) => {
    requireScopes(res, [objectScope('contacts', 'write')]);
    const { objectId, idProperty } = parseBody(GdprDelete, req.body);
    const portal = portalOf(ctx, res);
    const rec = idProperty === 'email'
      ? [...portal.objects.contacts.all()].find((c) => portal.value('contacts', c, 'email')?.toLowerCase() === objectId.toLowerCase())
      : portal.objects.contacts.get(objectId);
    if (!rec) throw notFound(objectId);
    portal.archive('contacts', rec.id, { sourceType: 'INTEGRATION', sourceId: String(grantOf(res).appId) }, 'privacyDeletion');
    res.status(204).end();
  });

  r.delete('/crm/v3/objects/:objectType/:objectId', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'write')]);
    const portal = portalOf(ctx, res);
    if (!portal.archive(type, req.params.objectId, { sourceType: 'INTEGRATION', sourceId: String(grantOf(res).appId) })) {
      throw notFound(req.params.objectId);
    }
    res.status(204).end();
  });
  return r;
}
