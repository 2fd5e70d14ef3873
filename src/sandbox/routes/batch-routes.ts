import { Router, type Response } from 'express';
import { z } from 'zod';
import { portalOf, type SandboxContext } from '../context.js';
import type { ObjectTypeName } from '../crm/default-properties.js';
import type { CrmRecord } from '../crm/object-store.js';
import type { Portal } from '../crm/portal.js';
import { toPublicObject } from '../crm/serialize.js';
import { grantOf, requireScopes } from '../http/auth.js';
import { validationError } from '../http/hubspot-error.js';
import { objectScope, objectType } from '../http/params.js';
import { parseBody } from '../http/validate.js';

/**
 * CRM objects v3 batch read and batch update: at most 100 inputs (fewer when reading history), 207 Multi-Status
 * with per-id errors for ids that do not exist, and any invalid property value failing the whole batch (400),
 * as HubSpot does. Writes by an app are recorded with source `INTEGRATION` and the app's id.
 */
const BATCH_MAX = 100;
const BatchRead = z.object({
  inputs: z.array(z.object({ id: z.string().min(1) })),
  properties: z.array(z.string()).default([]),
  propertiesWithHistory: z.array(z.string()).default([]),
  idProperty: z.string().optional(),
});
const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? '' : String(v)));
const BatchUpdate = z.object({
  inputs: z.array(z.object({ id: z.string().min(1), idProperty: z.string().optional(), properties: z.record(z.string(), Value) })),
});

const iso = (ms: number) => new Date(ms).toISOString();

function notFound(type: ObjectTypeName, ids: string[]) {
  return {
    status: 'error', category: 'OBJECT_NOT_FOUND', subCategory: null, context: { ids }, links: {}, errors: [],
    message: `Could not get some ${type.replace(/s$/, '').replace(/ie$/, 'y').toUpperCase()} objects, they may be deleted or not exist. Check that ids are valid.`,
  };
}

function find(portal: Portal, type: ObjectTypeName, id: string, idProperty?: string): CrmRecord | undefined {
  if (!idProperty || idProperty === 'hs_object_id') return portal.objects[type].get(id);
  for (const r of portal.objects[type].all()) if (portal.value(type, r, idProperty)?.toLowerCase() === id.toLowerCase()) return r;
  return undefined;
}

function checkSize(n: number, max: number, what: string): void {
  if (n > max) throw validationError(`Too many inputs: ${n}. The limit for ${what} is ${max}.`, { context: { limit: [String(max)] } });
}

function send(res: Response, type: ObjectTypeName, requestedAt: number, results: unknown[], missing: string[], completedAt: number): void {
  const body = { status: 'COMPLETE', results, requestedAt: iso(requestedAt), startedAt: iso(requestedAt), completedAt: iso(completedAt) };
  if (missing.length) res.status(207).json({ ...body, numErrors: 1, errors: [notFound(type, missing)] });
  else res.json(body);
}

export function batchRoutes(ctx: SandboxContext): Router {
  const r = Router();

  r.post('/crm/v3/objects/:objectType/batch/read', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'read')]);
    const portal = portalOf(ctx, res);
    const input = parseBody(BatchRead, req.body);
    const withHistory = input.propertiesWithHistory.length > 0;
    checkSize(input.inputs.length, withHistory ? ctx.historyBatchMax : BATCH_MAX, withHistory ? 'batch reads with propertiesWithHistory' : 'batch reads');
    const at = ctx.clock.now();
    const results = [];
    const missing: string[] = [];
    for (const id of new Set(input.inputs.map((i) => i.id))) {
      const rec = find(portal, type, id, input.idProperty);
      if (rec) results.push(toPublicObject(portal, type, rec, input.properties, input.propertiesWithHistory));
      else missing.push(id);
    }
    send(res, type, at, results, missing, ctx.clock.now());
  });

  r.post('/crm/v3/objects/:objectType/batch/update', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'write')]);
    const portal = portalOf(ctx, res);
    const { inputs } = parseBody(BatchUpdate, req.body);
    checkSize(inputs.length, BATCH_MAX, 'batch updates');
    const seen = new Set<string>();
    const dupes = inputs.map((i) => i.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    if (dupes.length) throw validationError(`Duplicate IDs found in batch input: [${dupes.join(', ')}]. IDs must be unique`);
    const validated = inputs.map((i) => ({ input: i, ...portal.validate(type, i.properties) }));
    const problems = validated.flatMap((v) => v.problems);
    if (problems.length) {
      const list = problems.map((p) => ({ isValid: false, message: p.message, error: p.error, name: p.name }));
      throw validationError(`Property values were not valid: ${JSON.stringify(list)}`, {
        errors: problems.map((p) => ({ message: p.message, code: p.error, context: { propertyName: [p.name] } })),
      });
    }
    const at = ctx.clock.now();
    const source = { sourceType: 'INTEGRATION', sourceId: String(grantOf(res).appId) };
    const results = [];
    const missing: string[] = [];
    for (const v of validated) {
      const rec = find(portal, type, v.input.id, v.input.idProperty);
      if (!rec) { missing.push(v.input.id); continue; }
      portal.update(type, rec, v.values, source, { at });
      results.push(toPublicObject(portal, type, rec, Object.keys(v.values)));
    }
    send(res, type, at, results, missing, ctx.clock.now());
  });
  return r;
}
