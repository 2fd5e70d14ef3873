import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { parseModel, type Model } from '../scoring/index.js';

/**
 * What the model store keeps per portal, as read back from Redis: drafts, numbered versions and the summary
 * index entry of each model. Documents are validated with `validateModel` before they are stored, so reading
 * them back checks only the shape around the model.
 */
const ModelDocSchema = z.custom<Model>((v) => typeof v === 'object' && v !== null);

export const DraftSchema = z.object({
  model: ModelDocSchema,
  updatedAt: z.number(),
  author: z.string().optional(),
  /** The version that was published when the draft was saved (null: none). */
  basedOnVersion: z.number().int().positive().nullable(),
});
export type Draft = z.infer<typeof DraftSchema>;

export const VersionSchema = z.object({
  version: z.number().int().positive(),
  model: ModelDocSchema,
  publishedAt: z.number(),
  author: z.string().optional(),
  /** What the publisher said about this version. */
  note: z.string().optional(),
  /** Set when this version re-publishes an earlier one. */
  rolledBackFrom: z.number().int().positive().optional(),
});
export type ModelVersion = z.infer<typeof VersionSchema>;

export const ModelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  propertyPrefix: z.string().optional(),
  publishedVersion: z.number().int().positive().optional(),
  latestVersion: z.number().int().positive().optional(),
  draftUpdatedAt: z.number().optional(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

/** A published model ready for the worker. */
export type PublishedModel = { modelId: string; version: number; model: Model };

/** Validates a document as a model with the given id; throws ValidationError naming every problem by path. */
export function validateModel(doc: unknown, modelId?: string): Model {
  const parsed = parseModel(doc);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  if (modelId !== undefined && parsed.model.id !== modelId) {
    throw new ValidationError([{ path: 'id', message: `must be "${modelId}" (the model being edited)` }]);
  }
  return parsed.model;
}
