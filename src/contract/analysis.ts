import { z } from 'zod';
import { AccuracyReportSchema } from '../analysis/accuracy-report-schema.js';
import type { BuiltRule } from '../analysis/build-model.js';
import type { LeakageWarning } from '../analysis/leakage-guard.js';
import type { SkippedColumn } from '../analysis/prepare-columns.js';
import { CapacityThresholdSchema, ForwardAccuracySchema, ModelDiffSchema, ScoreCountSchema } from '../analysis/report-schemas.js';
import { ModelDocumentSchema, ModelIdSchema } from './models.js';

/**
 * The settings page's analysis: a model learnt from the portal's past conversions beside the current one, the
 * live model's accuracy on the same contacts, a threshold from sales capacity, and forward-looking accuracy from
 * dated score snapshots. The report shapes are the analysis' own zod schemas (zod only, browser-safe).
 */
export { AccuracyReportSchema, CapacityThresholdSchema, ForwardAccuracySchema, ModelDiffSchema, ScoreCountSchema };
export type {
  AccuracyReport, AucEstimate, CalibrationBand, LiftGroup, Proportion, StageAccuracy,
} from '../analysis/accuracy-report-schema.js';
export type {
  CapacityOption, CapacityThreshold, ForwardAccuracy, ForwardHorizon, ModelDiff, RuleChange, ScoreCount, ThresholdChange,
} from '../analysis/report-schemas.js';

/**
 * How the message of a learning run that found no model worth suggesting starts (the reason follows), so the
 * settings page can word it as a finding about the data rather than a failure of the app.
 */
export const NO_USEFUL_MODEL = 'No model worth suggesting: ';

export const LeakageWarningSchema = z.object({
  column: z.string(),
  reasons: z.array(z.string()),
  singleAuc: z.number().nullable(),
  informationValue: z.number().nullable(),
});
export const LearntRuleSchema = z.object({
  ruleId: z.string(), groupId: z.string(), dimension: z.enum(['fit', 'engagement']), label: z.string(), points: z.number(), coef: z.number(),
  completeness: z.boolean(),
});
export const SkippedColumnSchema = z.object({ column: z.string(), reason: z.enum(['excluded', 'identifier', 'constant', 'empty', 'leakage']) });

// The analysis declares these as plain types; a drift between them and the schemas fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [Same<z.infer<typeof LeakageWarningSchema>, LeakageWarning>, Same<z.infer<typeof LearntRuleSchema>, BuiltRule>, Same<z.infer<typeof SkippedColumnSchema>, SkippedColumn>] = [true, true, true];
void sameShapes;

export const AnalysisParamsSchema = z.object({ modelId: ModelIdSchema });
export type AnalysisParams = z.infer<typeof AnalysisParamsSchema>;

/** What counts as converted, and how much of the portal to read (bounded: one HubSpot page holds 50 with history). */
export const SuggestionRequestSchema = z.object({
  reached: z.enum(['customer', 'opportunity']).optional(),
  maxContacts: z.number().int().min(50).max(10_000).optional(),
  maxRules: z.number().int().min(1).max(20).optional(),
  /** Contact properties to consider besides the standard ones and those the current model reads. */
  properties: z.array(z.string().regex(/^[a-z0-9_]{1,100}$/i)).max(100).optional(),
  exclude: z.array(z.string().min(1).max(100)).max(100).optional(),
});
export type SuggestionRequest = z.infer<typeof SuggestionRequestSchema>;

export const SuggestionReportSchema = z.object({
  computedAt: z.iso.datetime(),
  /** The published version compared with (null: nothing published yet). */
  currentVersion: z.number().int().positive().nullable(),
  /** Contacts read from HubSpot, and what counted as converted. */
  contacts: z.number().int().min(0),
  /** How many contacts the portal has (ids listed, up to 100,000) that `contacts` were sampled from, uniformly. */
  sampledFrom: z.number().int().min(0).optional(),
  reached: z.enum(['customer', 'opportunity']),
  suggested: ModelDocumentSchema,
  rules: z.array(LearntRuleSchema),
  leakage: z.array(LeakageWarningSchema),
  skipped: z.array(SkippedColumnSchema),
  training: z.object({ rows: z.number(), positives: z.number(), baseRate: z.number() }),
  heldOut: z.object({ rows: z.number(), positives: z.number() }),
  /** The suggested model on the held-out contacts. */
  accuracy: AccuracyReportSchema,
  outcomes: z.array(ScoreCountSchema),
  diff: ModelDiffSchema.nullable(),
});
export type SuggestionReport = z.infer<typeof SuggestionReportSchema>;

/** A learning run (a background job): its state, and its report once done. */
export const SuggestionStatusSchema = z.object({
  modelId: ModelIdSchema,
  status: z.enum(['none', 'queued', 'running', 'done', 'failed']),
  requestedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  /** Contacts read from HubSpot so far. */
  fetched: z.number().int().min(0),
  error: z.string().nullable(),
  report: SuggestionReportSchema.nullable(),
});
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;

/** The published model's accuracy on the contacts the last learning run held out (state none before any run). */
export const LiveAccuracySchema = z.object({
  modelId: ModelIdSchema,
  state: z.enum(['none', 'ready']),
  version: z.number().int().positive().nullable(),
  computedAt: z.iso.datetime().nullable(),
  report: AccuracyReportSchema.nullable(),
  outcomes: z.array(ScoreCountSchema).nullable(),
});
export type LiveAccuracy = z.infer<typeof LiveAccuracySchema>;

export const CapacityRequestSchema = z.object({
  leadsPerWeek: z.number().positive().max(1_000_000),
  weeks: z.number().int().min(1).max(26).optional(),
});
export type CapacityRequest = z.infer<typeof CapacityRequestSchema>;

export const CapacityResponseSchema = z.object({
  modelId: ModelIdSchema,
  /** Whose precision the options carry: the live model's, from the last learning run (null: none yet). */
  precisionFrom: z.iso.datetime().nullable(),
  result: CapacityThresholdSchema,
});
export type CapacityResponse = z.infer<typeof CapacityResponseSchema>;

/** The report is kept for a few minutes; `fresh=1` computes it again (the page's Refresh). */
export const ForwardQuerySchema = z.object({ fresh: z.literal('1').optional() });
export type ForwardQuery = z.infer<typeof ForwardQuerySchema>;

export const ForwardResponseSchema = z.object({
  modelId: ModelIdSchema,
  computedAt: z.iso.datetime(),
  /** True when the portal has more scored contacts than one report reads. */
  sampled: z.boolean(),
  report: ForwardAccuracySchema,
});
export type ForwardResponse = z.infer<typeof ForwardResponseSchema>;
