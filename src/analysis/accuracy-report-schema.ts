import { z } from 'zod';

/**
 * The accuracy report's shape, shared by the CLI's `--json`, the web API and the settings page. The analysis
 * types are inferred from these schemas, so the report has one definition.
 */
export const ProportionSchema = z.object({
  successes: z.number(),
  n: z.number(),
  rate: z.number(),
  /** Wilson 95% interval. */
  low: z.number(),
  high: z.number(),
});
export type Proportion = z.infer<typeof ProportionSchema>;

export const AucEstimateSchema = z.object({
  auc: z.number(),
  se: z.number(),
  /** Hanley–McNeil 95% interval. */
  low: z.number(),
  high: z.number(),
  positives: z.number(),
  negatives: z.number(),
});
export type AucEstimate = z.infer<typeof AucEstimateSchema>;

export const LiftGroupSchema = z.object({
  /** 1 = the highest-scoring tenth. */
  group: z.number(),
  rows: z.number(),
  /** Expected converters; fractional where tied scores straddle a boundary. */
  positives: z.number(),
  rate: z.number(),
  lift: z.number(),
  minScore: z.number(),
  maxScore: z.number(),
  /** Share of all converters in groups 1..group. */
  cumulativeCapture: z.number(),
  cumulativeLift: z.number(),
});
export type LiftGroup = z.infer<typeof LiftGroupSchema>;

export const CalibrationBandSchema = ProportionSchema.extend({ label: z.string(), min: z.number(), max: z.number() });
export type CalibrationBand = z.infer<typeof CalibrationBandSchema>;

/** A stage's threshold read as a classifier: contacts at this stage or above are "flagged". */
export const StageAccuracySchema = z.object({
  label: z.string(),
  min: z.number(),
  flagged: z.number(),
  /** Converters among the flagged. */
  precision: ProportionSchema,
  /** Flagged among the converters. */
  recall: ProportionSchema,
});
export type StageAccuracy = z.infer<typeof StageAccuracySchema>;

export const AccuracyReportSchema = z.object({
  rows: z.number(),
  /** Rows the model's scope left out (not scored, not counted below). */
  outOfScope: z.number(),
  positives: z.number(),
  baseRate: z.number(),
  auc: AucEstimateSchema,
  /** The same for each dimension alone. */
  fitAuc: AucEstimateSchema,
  engagementAuc: AucEstimateSchema,
  liftByDecile: z.array(LiftGroupSchema),
  calibration: z.array(CalibrationBandSchema),
  stages: z.array(StageAccuracySchema),
});
export type AccuracyReport = z.infer<typeof AccuracyReportSchema>;

export const CrossValidationSchema = z.object({
  folds: z.number(),
  seed: z.number(),
  aucs: z.array(z.number()),
  mean: z.number(),
  /** Sample standard deviation over the folds. */
  sd: z.number(),
  /** The baseline: each fold's best single rule alone (0.5 where a fold learnt none), on the same held-out fold. */
  bestSingleRule: z.object({ aucs: z.array(z.number()), mean: z.number() }).optional(),
});
export type CrossValidation = z.infer<typeof CrossValidationSchema>;
