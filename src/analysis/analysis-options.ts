import { z } from 'zod';

const Share = z.number().min(0).max(1);

/** Thresholds of the leakage guard (see leakage-guard.ts for why each exists). */
export const LeakageOptionsSchema = z.object({
  /** A part of a column converting at ≥ highRate or ≤ lowRate, held by ≥ materialShare of the rows, is suspicious. */
  highRate: Share.default(0.95),
  lowRate: Share.default(0.02),
  materialShare: Share.default(0.05),
  /** A column that alone ranks converters this well (ROC AUC) is suspicious. */
  maxSingleAuc: z.number().min(0.5).max(1).default(0.9),
  /** Information value above this is "too good to be true" (scorecard practice calls > 0.5 suspicious). */
  maxInformationValue: z.number().positive().default(1.5),
  /** Share of converters whose value (or event) was recorded after they converted, above which it is leakage. */
  afterOutcomeShare: Share.default(0.25),
});

/** How stage thresholds are proposed from the training scores (see propose-thresholds.ts). */
export const StageOptionsSchema = z.object({
  sqlPrecision: Share.default(0.8),
  mqlPrecision: Share.default(0.5),
});

/** The two dimensions of a model. */
export const DimensionSchema = z.enum(['fit', 'engagement']);
export type Dimension = z.infer<typeof DimensionSchema>;

/**
 * Options of the analysis. Everything has a default except `now` (epoch ms: event windows count back from it
 * unless a row has its own `observedAt`; the pure core never reads the clock).
 */
export const AnalysisOptionsSchema = z.object({
  now: z.number(),
  /** Values that mean "unknown" besides empty ones ("Select" is a dropdown left at its default). */
  unknownTokens: z.array(z.string()).default(['', 'Select']),
  /** Columns never used (property names; `events:<type>` for an event type). */
  exclude: z.array(z.string()).default([]),
  /** Keep every column the leakage guard flags, or only these. */
  includeLeaky: z.boolean().default(false),
  insist: z.array(z.string()).default([]),
  maxRules: z.number().int().min(1).max(50).default(10),
  seed: z.number().int().default(1),
  /** Quantile bins of a numeric column (its candidate cut points). */
  numericBins: z.number().int().min(2).max(50).default(10),
  /** A candidate signal must hold for (and fail for) at least this share of rows and this many rows. */
  minSupport: Share.default(0.01),
  minSupportRows: z.number().int().min(1).default(20),
  /** L2 penalty of the logistic fit; see logistic-fit.ts. */
  ridge: z.number().min(0).default(1),
  /** Property name → the label the portal shows for it, used in rule and group labels. */
  propertyLabels: z.record(z.string(), z.string().min(1)).default({}),
  /** Column → dimension; columns not listed are placed by name (see dimension-of.ts). */
  dimensions: z.record(z.string(), DimensionSchema).default({}),
  eventWindows: z.array(z.number().positive()).default([7, 30, 90]),
  eventCaps: z.array(z.number().int().min(1)).default([1, 3]),
  leakage: LeakageOptionsSchema.prefault({}),
  /**
   * Compute what is only reported (leakage warnings, the signal report, grades and stages). Cross-validation
   * folds, which keep only the ranking, turn it off; their leakage decision is made once, on all rows.
   */
  reports: z.boolean().default(true),
  stages: StageOptionsSchema.prefault({}),
  model: z
    .object({
      id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).default('learnt'),
      name: z.string().min(1).default('Learnt from past conversions'),
      propertyPrefix: z.string().default('lead_score'),
    })
    .prefault({}),
});

export type AnalysisOptionsInput = z.input<typeof AnalysisOptionsSchema>;
export type AnalysisOptions = z.output<typeof AnalysisOptionsSchema>;
export type LeakageOptions = z.output<typeof LeakageOptionsSchema>;
export type StageOptions = z.output<typeof StageOptionsSchema>;
