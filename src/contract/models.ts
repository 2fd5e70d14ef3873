import { z } from 'zod';
import type { Model } from '../scoring/index.js';

/** The engine's model types, for the settings editor (types only: nothing of the engine is bundled). */
export type {
  Condition, Decay, EventRule, Group, Leaf, Model, Operator, PropertyRule, Rule, Stage,
} from '../scoring/index.js';
import { ModelRefSchema } from './card.js';
import { PathIssueSchema } from './errors.js';

/**
 * Models, versions, drafts, publishing. The model document itself is validated by the engine's `parseModel` on
 * the server (the one validator, with JSON-path errors); here it is only checked to be an object, so the browser
 * bundle carries no copy of the engine's rules and the two can never disagree.
 */
export const ModelDocumentSchema = z.custom<Model>(
  (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  'expected a model object',
);

export const ModelIdSchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must match [a-z][a-z0-9_]{0,39}');
export const ModelParamsSchema = z.object({ modelId: ModelIdSchema });
export type ModelParams = z.infer<typeof ModelParamsSchema>;

export const ModelSummarySchema = z.object({
  id: ModelIdSchema,
  name: z.string(),
  publishedVersion: z.number().int().positive().nullable(),
  /** When the draft was last saved; null when there is no draft apart from the published version. */
  draftUpdatedAt: z.iso.datetime().nullable(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const ModelListSchema = z.object({ models: z.array(ModelSummarySchema) });
export type ModelList = z.infer<typeof ModelListSchema>;

export const ModelVersionSchema = z.object({
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime(),
  note: z.string().nullable(),
  /** Set when this version re-published an earlier one (a rollback adds a version; history only grows). */
  rolledBackFrom: z.number().int().positive().nullable(),
});
export type ModelVersion = z.infer<typeof ModelVersionSchema>;

export const ModelVersionsSchema = z.object({
  modelId: ModelIdSchema,
  /** The version in force (after a rollback, an older one). */
  publishedVersion: z.number().int().positive().nullable(),
  versions: z.array(ModelVersionSchema),
});
export type ModelVersions = z.infer<typeof ModelVersionsSchema>;

/**
 * What a model allows but is probably a mistake (SCORING-MODEL.md "Errors and warnings"), by JSON path like an
 * error: a grade band or stage that can never apply, a rule on an event type nobody sends. Never blocking: a
 * model with warnings is saved and published as written. The server always sends them (optional only so that
 * a client's older fixtures stay valid).
 */
export const ModelWarningsSchema = z.array(PathIssueSchema).optional();

/** The draft being edited. Without a saved draft the server answers the published model (`basedOnVersion`). */
export const DraftSchema = z.object({
  modelId: ModelIdSchema,
  draft: ModelDocumentSchema,
  basedOnVersion: z.number().int().positive().nullable(),
  updatedAt: z.iso.datetime().nullable(),
  /** The draft's warnings (answered by get, save and import alike). */
  warnings: ModelWarningsSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

/** Saving a draft: a model that fails validation is rejected whole (422 MODEL_INVALID, issues by JSON path). */
export const PutDraftRequestSchema = z.object({ model: ModelDocumentSchema });
export type PutDraftRequest = z.infer<typeof PutDraftRequestSchema>;

export const RescoreProgressSchema = z.object({
  modelId: ModelIdSchema,
  version: z.number().int().positive(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  done: z.number().int().min(0),
  /** Contacts to rescore; null until the backfill has counted them. */
  total: z.number().int().min(0).nullable(),
});
export type RescoreProgress = z.infer<typeof RescoreProgressSchema>;

export const PublishRequestSchema = z.object({ note: z.string().max(500).optional() });
export type PublishRequest = z.infer<typeof PublishRequestSchema>;

export const RollbackRequestSchema = z.object({ version: z.number().int().positive() });
export type RollbackRequest = z.infer<typeof RollbackRequestSchema>;

/** After publish or rollback: the version now in force and the rescore it started. */
export const PublishResponseSchema = z.object({
  model: ModelRefSchema,
  rescore: RescoreProgressSchema,
});
export type PublishResponse = z.infer<typeof PublishResponseSchema>;

/** Export: the JSON users keep in version control; `version` null means the draft. */
export const ExportQuerySchema = z.object({
  version: z.union([z.literal('draft'), z.coerce.number().int().positive()]).optional(),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
export const ExportResponseSchema = z.object({
  modelId: ModelIdSchema,
  version: z.number().int().positive().nullable(),
  json: z.string(),
});
export type ExportResponse = z.infer<typeof ExportResponseSchema>;

/** Import: the JSON text as pasted; it becomes the draft of the model its `id` names (created if new). */
export const ImportRequestSchema = z.object({ json: z.string().min(1).max(500_000) });
export type ImportRequest = z.infer<typeof ImportRequestSchema>;
