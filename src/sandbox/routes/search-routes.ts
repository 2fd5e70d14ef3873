import { Router } from 'express';
import { z } from 'zod';
import { portalOf, type SandboxContext } from '../context.js';
import type { ObjectTypeName } from '../crm/default-properties.js';
import type { CrmRecord } from '../crm/object-store.js';
import { compareValues, FilterSchema, matchesGroups, parseSort } from '../crm/search-filter.js';
import { toPublicObject } from '../crm/serialize.js';
import { requireScopes } from '../http/auth.js';
import { validationError } from '../http/hubspot-error.js';
import { objectScope, objectType } from '../http/params.js';
import { parseBody } from '../http/validate.js';

/**
 * CRM search: ≤ 200 results a page, offset cursor in `after`, and no paging past 10,000 results per query
 * (HubSpot answers 400: past that, page on `hs_object_id GT lastId` sorted ascending). Filter limits: 5 groups,
 * 6 filters a group, 18 in all. Its own 5 requests/s budget is applied by the rate limiter.
 */
export const SEARCH_MAX_LIMIT = 200;
export const SEARCH_MAX_RESULTS = 10_000;

const SearchBody = z.object({
  filterGroups: z.array(z.object({ filters: z.array(FilterSchema) })).max(5).default([]),
  sorts: z.array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.string().optional() })])).max(1).default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).default(10),
  after: z.union([z.string(), z.number()]).transform((v) => Number(v)).pipe(z.number().int().min(0)).default(0),
});

const QUERY_FIELDS: Record<ObjectTypeName, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company'],
  deals: ['dealname'],
  companies: ['name', 'domain'],
};

/**
 * The id range a single filter group's `hs_object_id` bounds allow (every record is still checked against the
 * filters): a rescore's range queries then visit the records of their range, not the whole portal.
 */
function idBounds(groups: z.output<typeof SearchBody>['filterGroups']): { lo: number; hi: number } | null {
  if (groups.length !== 1) return null;
  let lo = -Infinity;
  let hi = Infinity;
  for (const f of groups[0]!.filters) {
    if (f.propertyName !== 'hs_object_id' || !/^-?\d+(\.\d+)?$/.test(String(f.value ?? '').trim())) continue;
    const v = Number(String(f.value).trim());
    if (f.operator === 'GT') lo = Math.max(lo, Math.floor(v) + 1);
    else if (f.operator === 'GTE') lo = Math.max(lo, Math.ceil(v));
    else if (f.operator === 'LT') hi = Math.min(hi, Math.ceil(v) - 1);
    else if (f.operator === 'LTE') hi = Math.min(hi, Math.floor(v));
  }
  return lo === -Infinity && hi === Infinity ? null : { lo, hi };
}

export function searchRoutes(ctx: SandboxContext): Router {
  const r = Router();
  r.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const type = objectType(req.params.objectType);
    requireScopes(res, [objectScope(type, 'read')]);
    const portal = portalOf(ctx, res);
    const body = parseBody(SearchBody, req.body);
    const filterCount = body.filterGroups.reduce((n, g) => n + g.filters.length, 0);
    if (body.filterGroups.some((g) => g.filters.length > 6) || filterCount > 18) {
      throw validationError('Too many filters: at most 6 filters in a group and 18 in all.');
    }
    if (body.after >= SEARCH_MAX_RESULTS) {
      throw validationError(`The search API returns at most ${SEARCH_MAX_RESULTS} results for a query; page with a filter on hs_object_id instead.`);
    }
    const get = (rec: CrmRecord) => (name: string) => portal.value(type, rec, name);
    const words = (body.query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matches: CrmRecord[] = [];
    const ids = idBounds(body.filterGroups);
    const candidates = ids ? portal.objects[type].between(ids.lo, ids.hi) : portal.objects[type].all();
    for (const rec of candidates) {
      if (!matchesGroups(get(rec), body.filterGroups)) continue;
      if (words.length) {
        const text = QUERY_FIELDS[type].map((f) => portal.value(type, rec, f) ?? '').join(' ').toLowerCase().split(/[^a-z0-9@._-]+/);
        if (!words.every((w) => text.some((t) => t.startsWith(w)))) continue;
      }
      matches.push(rec);
    }
    const sort = body.sorts[0] ? parseSort(body.sorts[0]) : undefined;
    if (sort?.propertyName === 'hs_object_id') {
      // The store yields records in id order already: no comparison sort (a rescore sends ~5 of these a second).
      if (sort.direction === 'DESCENDING') matches.reverse();
    } else if (sort) {
      const sign = sort.direction === 'DESCENDING' ? -1 : 1;
      matches.sort((a, b) => {
        const x = portal.value(type, a, sort.propertyName);
        const y = portal.value(type, b, sort.propertyName);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        return sign * compareValues(x, y) || Number(a.id) - Number(b.id);
      });
    }
    const page = matches.slice(body.after, body.after + body.limit);
    const next = body.after + body.limit;
    res.json({
      total: matches.length,
      results: page.map((rec) => toPublicObject(portal, type, rec, body.properties)),
      ...(next < matches.length ? { paging: { next: { after: String(next) } } } : {}),
    });
  });
  return r;
}
