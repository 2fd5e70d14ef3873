import { z } from 'zod';
import { ContactParamsSchema } from './card.js';
import { ModelDocumentSchema } from './models.js';
import { ScoreViewSchema } from './score.js';

/**
 * "Test the draft on a contact": the same contact under the draft and under the published version. `model`
 * tests the editor's unsaved model instead of the saved draft (validated like a save: 422 MODEL_INVALID).
 */
export const TestOnContactRequestSchema = ContactParamsSchema.extend({ model: ModelDocumentSchema.optional() });
export type TestOnContactRequest = z.infer<typeof TestOnContactRequestSchema>;

export const TestOnContactResponseSchema = z.object({
  contactId: z.string(),
  draft: ScoreViewSchema,
  /** Null when the model has no published version yet. */
  published: ScoreViewSchema.nullable(),
});
export type TestOnContactResponse = z.infer<typeof TestOnContactResponseSchema>;

/** How many contacts the preview may evaluate (a sample of the portal's scored contacts); `model` as for a test. */
export const PreviewRequestSchema = z.object({ limit: z.number().int().min(1).max(5000).optional(), model: ModelDocumentSchema.optional() });
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

/** One bar of the distribution chart: totals in `[from, to]`, counted under the draft and the published version. */
export const HistogramBucketSchema = z.object({
  from: z.number(),
  to: z.number(),
  draft: z.number().int().min(0),
  published: z.number().int().min(0),
});
export type HistogramBucket = z.infer<typeof HistogramBucketSchema>;

export const StageTransitionSchema = z.object({ from: z.string(), to: z.string(), count: z.number().int().min(1) });
export type StageTransition = z.infer<typeof StageTransitionSchema>;

export const PreviewResponseSchema = z.object({
  modelId: z.string(),
  /** Contacts evaluated, and whether they are a sample of a larger portal. */
  contacts: z.number().int().min(0),
  sampled: z.boolean(),
  histogram: z.array(HistogramBucketSchema),
  outOfScope: z.object({ draft: z.number().int().min(0), published: z.number().int().min(0) }),
  /** Contacts whose stage differs between the published version and the draft, and how. */
  stageChanges: z.object({ count: z.number().int().min(0), transitions: z.array(StageTransitionSchema) }),
});
export type PreviewResponse = z.infer<typeof PreviewResponseSchema>;
