import { z } from 'zod';
import { AucEstimateSchema, ProportionSchema } from './accuracy-report-schema.js';

/**
 * The shapes of the in-product analysis results (model diff, capacity threshold, forward-looking accuracy),
 * shared by the pure functions that compute them, the web API and the settings page. zod only, so the
 * extensions bundle can carry it; the analysis types are inferred from these schemas.
 */

const Dimension = z.enum(['fit', 'engagement']);

/** One rule of either model, lined up with its counterpart in the other. */
export const RuleChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'changed', 'same']),
  /** How the two were paired: same rule id, else the same condition (or event); null when unpaired. */
  matchedBy: z.enum(['id', 'condition']).nullable(),
  /** Where the rule sits in the suggested model (for a removed rule: in the current one). */
  dimension: Dimension,
  groupLabel: z.string(),
  ruleId: z.string(),
  label: z.string(),
  currentPoints: z.number().nullable(),
  suggestedPoints: z.number().nullable(),
  /** What differs besides the points, in words ("label was …", "moved from fit to engagement"). */
  details: z.array(z.string()),
});
export type RuleChange = z.infer<typeof RuleChangeSchema>;

/** A threshold (stage min or grade band min) by label, in either model. */
export const ThresholdChangeSchema = z.object({
  label: z.string(),
  current: z.number().nullable(),
  suggested: z.number().nullable(),
  change: z.enum(['added', 'removed', 'changed', 'same']),
});
export type ThresholdChange = z.infer<typeof ThresholdChangeSchema>;

export const ModelDiffSchema = z.object({
  rules: z.array(RuleChangeSchema),
  stages: z.array(ThresholdChangeSchema),
  grades: z.object({ fit: z.array(ThresholdChangeSchema), engagement: z.array(ThresholdChangeSchema) }),
  weights: z.object({
    current: z.object({ fitWeight: z.number(), engagementWeight: z.number() }),
    suggested: z.object({ fitWeight: z.number(), engagementWeight: z.number() }),
    changed: z.boolean(),
  }),
  summary: z.object({ added: z.number(), removed: z.number(), changed: z.number(), same: z.number() }),
});
export type ModelDiff = z.infer<typeof ModelDiffSchema>;

/** Converters and contacts per whole score, for precision at any threshold (held-out rows of an analysis). */
export const ScoreCountSchema = z.object({ score: z.number(), rows: z.number(), positives: z.number() });
export type ScoreCount = z.infer<typeof ScoreCountSchema>;

/** One candidate threshold and what it would flag per week. */
export const CapacityOptionSchema = z.object({
  threshold: z.number(),
  perWeek: z.number(),
  /** Precision (converters among flagged) at this threshold on the analysis' held-out contacts; null without one. */
  precision: ProportionSchema.nullable(),
  recall: ProportionSchema.nullable(),
});
export type CapacityOption = z.infer<typeof CapacityOptionSchema>;

export const CapacityThresholdSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('not-enough-data'),
    reason: z.string(),
    leadsPerWeek: z.number(),
    windowDays: z.number(),
    arrivals: z.number(),
  }),
  z.object({
    state: z.literal('ready'),
    leadsPerWeek: z.number(),
    /** Days of arrivals the weekly volume is measured over, and how many leads arrived in them. */
    windowDays: z.number(),
    arrivals: z.number(),
    weeklyVolume: z.number(),
    /** The lowest whole score that flags at most `leadsPerWeek` a week (ties can make it fewer). */
    suggested: CapacityOptionSchema,
    /** One point lower: the smallest threshold that flags more than `leadsPerWeek` (null when even 0 does not). */
    nextLower: CapacityOptionSchema.nullable(),
  }),
]);
export type CapacityThreshold = z.infer<typeof CapacityThresholdSchema>;

/** Forward-looking accuracy at one horizon: scores given N days before each conversion. */
export const ForwardHorizonSchema = z.object({
  days: z.number(),
  state: z.enum(['ready', 'not-enough-data']),
  /** Why it is not ready, in words; null when ready. */
  reason: z.string().nullable(),
  /** Conversions with a score at least `days` old at the time, and among those, the ones with comparators. */
  converters: z.number(),
  /** Distinct not-yet-converted contacts compared with them, and the (converter, other) pairs. */
  comparators: z.number(),
  pairs: z.number(),
  /** Pair-weighted ROC AUC with a DeLong-style 95% interval; null when not ready. */
  auc: AucEstimateSchema.nullable(),
  /** Mean score the converters had then, and mean score of their comparators at the same moments. */
  meanConverterScore: z.number().nullable(),
  meanComparatorScore: z.number().nullable(),
});
export type ForwardHorizon = z.infer<typeof ForwardHorizonSchema>;

export const ForwardAccuracySchema = z.object({
  /** no-snapshots: nothing scored yet; waiting: snapshots exist but no horizon has data; ready: one has. */
  state: z.enum(['no-snapshots', 'waiting', 'ready']),
  /** Epoch ms: the oldest snapshot, and the earliest moment the shortest horizon could have data. */
  firstSnapshotAt: z.number().nullable(),
  earliestReadyAt: z.number().nullable(),
  contacts: z.number(),
  conversions: z.number(),
  horizons: z.array(ForwardHorizonSchema),
});
export type ForwardAccuracy = z.infer<typeof ForwardAccuracySchema>;
