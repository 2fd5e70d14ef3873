import { Router } from 'express';
import { z } from 'zod';
import { portalOf, type SandboxContext } from '../context.js';
import { requireScopes } from '../http/auth.js';
import { validationError } from '../http/hubspot-error.js';
import { objectScope, objectType } from '../http/params.js';
import { parseBody } from '../http/validate.js';

/**
 * Associations v4 batch read (≤ 1,000 ids). Ids with no association of the requested type come back as 207
 * errors with sub-category `crm.associations.NO_ASSOCIATIONS_FOUND`, the others as results. `toObjectId` is a
 * number, as HubSpot sends it (the spec collection types it as a string: accept both).
 */
const BatchRead = z.object({ inputs: z.array(z.object({ id: z.string().min(1), after: z.string().optional() })) });
const SINGULAR = { contacts: 'contact', deals: 'deal', companies: 'company' } as const;

export function associationsRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.post('/crm/v4/associations/:fromObjectType/:toObjectType/batch/read', (req, res) => {
    const from = objectType(req.params.fromObjectType);
    const to = objectType(req.params.toObjectType);
    requireScopes(res, [objectScope(from, 'read'), objectScope(to, 'read')]);
    const portal = portalOf(ctx, res);
    const { inputs } = parseBody(BatchRead, req.body);
    if (inputs.length > 1000) throw validationError(`Too many inputs: ${inputs.length}. The limit is 1000.`);
    const started = new Date(ctx.clock.now()).toISOString();
    const results = [];
    const errors = [];
    for (const id of new Set(inputs.map((i) => i.id))) {
      const list = portal.objects[from].get(id) ? portal.associations.of(from, id, to) : [];
      if (list.length === 0) {
        errors.push({
          status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          context: { fromObjectId: [id] }, links: {}, errors: [],
          message: `No ${SINGULAR[to]} is associated with ${SINGULAR[from]} ${id}.`,
        });
        continue;
      }
      results.push({ from: { id }, to: list.map((a) => ({ toObjectId: Number(a.toId), associationTypes: a.types })) });
    }
    const body = { status: 'COMPLETE', results, startedAt: started, completedAt: new Date(ctx.clock.now()).toISOString() };
    if (errors.length) res.status(207).json({ ...body, numErrors: errors.length, errors });
    else res.json(body);
  });
  return r;
}
