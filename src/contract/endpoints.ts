import { z } from 'zod';
import { CardDataSchema, ContactParamsSchema } from './card.js';
import {
  DraftSchema, ExportQuerySchema, ExportResponseSchema, ImportRequestSchema, ModelListSchema, ModelParamsSchema,
  ModelVersionsSchema, PublishRequestSchema, PublishResponseSchema, PutDraftRequestSchema, RescoreProgressSchema,
  RollbackRequestSchema,
} from './models.js';
import { PreviewRequestSchema, PreviewResponseSchema, TestOnContactRequestSchema, TestOnContactResponseSchema } from './preview.js';
import {
  AnalysisParamsSchema, CapacityRequestSchema, CapacityResponseSchema, ForwardQuerySchema, ForwardResponseSchema, LiveAccuracySchema,
  SuggestionRequestSchema, SuggestionStatusSchema,
} from './analysis.js';
import { ContactSearchQuerySchema, ContactSearchResponseSchema, PropertyListQuerySchema, PropertyListSchema } from './crm-lookup.js';
import { DeletePortalDataRequestSchema, DeletePortalDataResponseSchema } from './portal-data.js';

/**
 * Every route the card and the settings page call, as data: method, path, and the schema of each part. The
 * server registers its handlers from this table and the client builds its requests from it, so a path or a
 * shape cannot drift between them. Paths are relative to the API base URL (the app's PUBLIC_BASE_URL).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT';
export interface Endpoint<
  P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  params: P;
  query: Q;
  body: B;
  response: R;
}

const Empty = z.object({});

function endpoint<P extends z.ZodType = typeof Empty, Q extends z.ZodType = typeof Empty, B extends z.ZodType = typeof Empty, R extends z.ZodType = z.ZodType>(
  e: { method: HttpMethod; path: string; params?: P; query?: Q; body?: B; response: R },
): Endpoint<P, Q, B, R> {
  return { params: Empty as unknown as P, query: Empty as unknown as Q, body: Empty as unknown as B, ...e };
}

export const api = {
  getCard: endpoint({ method: 'GET', path: '/api/card/contacts/:contactId', params: ContactParamsSchema, response: CardDataSchema }),
  recalculate: endpoint({ method: 'POST', path: '/api/card/contacts/:contactId/recalculate', params: ContactParamsSchema, response: CardDataSchema }),
  listModels: endpoint({ method: 'GET', path: '/api/models', response: ModelListSchema }),
  listVersions: endpoint({ method: 'GET', path: '/api/models/:modelId/versions', params: ModelParamsSchema, response: ModelVersionsSchema }),
  getDraft: endpoint({ method: 'GET', path: '/api/models/:modelId/draft', params: ModelParamsSchema, response: DraftSchema }),
  putDraft: endpoint({ method: 'PUT', path: '/api/models/:modelId/draft', params: ModelParamsSchema, body: PutDraftRequestSchema, response: DraftSchema }),
  testDraft: endpoint({ method: 'POST', path: '/api/models/:modelId/draft/test', params: ModelParamsSchema, body: TestOnContactRequestSchema, response: TestOnContactResponseSchema }),
  previewDraft: endpoint({ method: 'POST', path: '/api/models/:modelId/draft/preview', params: ModelParamsSchema, body: PreviewRequestSchema, response: PreviewResponseSchema }),
  publish: endpoint({ method: 'POST', path: '/api/models/:modelId/publish', params: ModelParamsSchema, body: PublishRequestSchema, response: PublishResponseSchema }),
  rescoreProgress: endpoint({ method: 'GET', path: '/api/models/:modelId/rescore', params: ModelParamsSchema, response: RescoreProgressSchema }),
  rollback: endpoint({ method: 'POST', path: '/api/models/:modelId/rollback', params: ModelParamsSchema, body: RollbackRequestSchema, response: PublishResponseSchema }),
  exportModel: endpoint({ method: 'GET', path: '/api/models/:modelId/export', params: ModelParamsSchema, query: ExportQuerySchema, response: ExportResponseSchema }),
  importModel: endpoint({ method: 'POST', path: '/api/models/import', body: ImportRequestSchema, response: DraftSchema }),
  // Analysis (src/contract/analysis.ts): learning runs in the worker; the rest answers from stored data.
  startSuggestion: endpoint({ method: 'POST', path: '/api/analysis/:modelId/suggestion', params: AnalysisParamsSchema, body: SuggestionRequestSchema, response: SuggestionStatusSchema }),
  getSuggestion: endpoint({ method: 'GET', path: '/api/analysis/:modelId/suggestion', params: AnalysisParamsSchema, response: SuggestionStatusSchema }),
  liveAccuracy: endpoint({ method: 'GET', path: '/api/analysis/:modelId/accuracy', params: AnalysisParamsSchema, response: LiveAccuracySchema }),
  capacityThreshold: endpoint({ method: 'POST', path: '/api/analysis/:modelId/capacity', params: AnalysisParamsSchema, body: CapacityRequestSchema, response: CapacityResponseSchema }),
  forwardAccuracy: endpoint({ method: 'GET', path: '/api/analysis/:modelId/forward', params: AnalysisParamsSchema, query: ForwardQuerySchema, response: ForwardResponseSchema }),
  // CRM look-ups for the editor (src/contract/crm-lookup.ts): property definitions, contacts by name or email.
  listProperties: endpoint({ method: 'GET', path: '/api/crm/properties', query: PropertyListQuerySchema, response: PropertyListSchema }),
  searchContacts: endpoint({ method: 'GET', path: '/api/crm/contacts/search', query: ContactSearchQuerySchema, response: ContactSearchResponseSchema }),
  // The portal's data (src/contract/portal-data.ts): erase every key and job of the signed portal, now.
  deletePortalData: endpoint({ method: 'POST', path: '/api/portal/delete-data', body: DeletePortalDataRequestSchema, response: DeletePortalDataResponseSchema }),
} as const;

export type Api = typeof api;
export type EndpointName = keyof Api;

/** A part is optional when every field of it is (e.g. no path parameters, an all-optional body). */
type Part<K extends string, T> = Record<string, never> extends T ? { [P in K]?: T } : { [P in K]: T };
/** What a caller passes: only the parts the endpoint has are required. */
export type EndpointInput<E extends Endpoint> =
  Part<'params', z.input<E['params']>> & Part<'query', z.input<E['query']>> & Part<'body', z.input<E['body']>>;
export type EndpointOutput<E extends Endpoint> = z.output<E['response']>;

/** Fills `:name` segments from `params` (URI-encoded); throws on a missing one (a programming error). */
export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter "${name}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
