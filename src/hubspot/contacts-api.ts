import type { z } from 'zod';
import { ValidationError } from '../errors.js';
import type { CallHubSpot } from './call-hubspot.js';
import { HubSpotBadResponseError } from './errors.js';
import {
  BatchResponseSchema,
  ContactUpdateSchema,
  ListResponseSchema,
  SearchRequestSchema,
  SearchResponseSchema,
  type BatchError,
  type ContactRecord,
  type ContactUpdate,
  type SearchRequest,
} from './schemas.js';

/** HubSpot's batch limit (PLATFORM.md §6). */
export const BATCH_LIMIT = 100;
/**
 * Records per call when property history is requested. HubSpot caps list pages with history at 50; the same
 * cap for batch read is an assumption (unverified), so the worst case is two calls per 100 contacts on backfill.
 */
export const HISTORY_BATCH_LIMIT = 50;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Parses a HubSpot answer with `schema`; a mismatch is a coded bad-response error naming the first problems. */
export function validated<S extends z.ZodType>(schema: S, data: unknown, operation: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const where = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new HubSpotBadResponseError(`${operation}: unexpected response from HubSpot (${where})`, { operation });
}

/** Reads contacts by id (any number: chunked by 100, or 50 with history). Missing ids come back in `errors`. */
export async function batchReadContacts(
  call: CallHubSpot,
  portalId: number,
  ids: string[],
  properties: string[],
  propertiesWithHistory: string[] = [],
): Promise<{ results: ContactRecord[]; errors: BatchError[] }> {
  const size = propertiesWithHistory.length ? HISTORY_BATCH_LIMIT : BATCH_LIMIT;
  const results: ContactRecord[] = [];
  const errors: BatchError[] = [];
  for (const chunk of chunks([...new Set(ids)], size)) {
    const raw = await call(portalId, 'contacts.batchRead', 'default', (c, o) =>
      c.crm.contacts.batchApi.read({ inputs: chunk.map((id) => ({ id })), properties, propertiesWithHistory }, false, o),
    );
    const body = validated(BatchResponseSchema, raw, 'contacts.batchRead');
    results.push(...body.results);
    errors.push(...(body.errors ?? []));
  }
  return { results, errors };
}

/**
 * Updates contacts (chunked by 100). A 207 multi-status is not an error: records HubSpot refused are returned
 * in `errors` (with their ids when HubSpot names them); the others are in `updated`.
 */
export async function batchUpdateContacts(
  call: CallHubSpot,
  portalId: number,
  inputs: ContactUpdate[],
): Promise<{ updated: string[]; errors: BatchError[] }> {
  const checked = inputs.map((i) => {
    const r = ContactUpdateSchema.safeParse(i);
    if (!r.success) throw new ValidationError(r.error.issues.map((x) => ({ path: x.path.join('.'), message: x.message })));
    return r.data;
  });
  const updated: string[] = [];
  const errors: BatchError[] = [];
  for (const chunk of chunks(checked, BATCH_LIMIT)) {
    const raw = await call(portalId, 'contacts.batchUpdate', 'default', (c, o) => c.crm.contacts.batchApi.update({ inputs: chunk }, o));
    const body = validated(BatchResponseSchema, raw, 'contacts.batchUpdate');
    updated.push(...body.results.map((r) => r.id));
    errors.push(...(body.errors ?? []));
  }
  return { updated, errors };
}

/** One page of the contact list (≤ 100, or ≤ 50 with history). `nextAfter` is null on the last page. */
export async function listContacts(
  call: CallHubSpot,
  portalId: number,
  opts: { after?: string; properties: string[]; propertiesWithHistory?: string[]; limit?: number },
): Promise<{ results: ContactRecord[]; nextAfter: string | null }> {
  const history = opts.propertiesWithHistory ?? [];
  const limit = Math.min(opts.limit ?? BATCH_LIMIT, history.length ? HISTORY_BATCH_LIMIT : BATCH_LIMIT);
  const raw = await call(portalId, 'contacts.list', 'default', (c, o) =>
    c.crm.contacts.basicApi.getPage(limit, opts.after, opts.properties, history.length ? history : undefined, undefined, false, o),
  );
  const body = validated(ListResponseSchema, raw, 'contacts.list');
  return { results: body.results, nextAfter: body.paging?.next?.after ?? null };
}

/** One page of a contacts search; counts against the portal's search budget only (HubSpot exempts search from the 10-s one). */
export async function searchContacts(
  call: CallHubSpot,
  portalId: number,
  request: SearchRequest,
): Promise<{ results: ContactRecord[]; total: number; nextAfter: string | null }> {
  const req = SearchRequestSchema.parse(request);
  const raw = await call(portalId, 'contacts.search', 'search', (c, o) =>
    c.crm.contacts.searchApi.doSearch(req as Parameters<typeof c.crm.contacts.searchApi.doSearch>[0], o),
  );
  const body = validated(SearchResponseSchema, raw, 'contacts.search');
  return { results: body.results, total: body.total, nextAfter: body.paging?.next?.after ?? null };
}
