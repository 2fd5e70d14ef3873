import { z } from 'zod';
import {
  BreakdownItemSchema as EngineBreakdownItemSchema, CapAdjustmentSchema as EngineCapAdjustmentSchema, DimensionNameSchema,
} from '../scoring/result-schema.js';

/**
 * A score as the UI shows it: the rounded figures, the grade and stage, and the explanation the card renders rule
 * by rule (SCORING-MODEL.md "Explanation"). Shared by the card, "test on a contact" and the preview.
 */

/**
 * Breakdown items and cap adjustments are the engine's own schemas (src/scoring/result-schema.ts, zod only, so
 * browser-safe) minus the exact `unrounded` values, which only the server's arithmetic needs. `matched` stays
 * structured (property values; event count and newest time) so the card formats dates in the portal's zone.
 */
export const DimensionSchema = DimensionNameSchema;
export type Dimension = z.infer<typeof DimensionSchema>;

/** One rule that contributed: points after its own cap, "18.2 of 24" from `undecayed`, and what matched. */
export const BreakdownItemSchema = EngineBreakdownItemSchema.omit({ unrounded: true });
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;
export type BreakdownMatch = BreakdownItem['matched'];

/** A group or dimension cap that cut the sum: `points` = after − before (one decimal). */
export const CapAdjustmentSchema = EngineCapAdjustmentSchema.omit({ unrounded: true });
export type CapAdjustment = z.infer<typeof CapAdjustmentSchema>;

export const DimensionScoreSchema = z.object({
  score: z.number().int(),
  max: z.number(),
  /** The band's grade: a letter for fit ("B"), a digit for engagement ("2"). */
  grade: z.string(),
});
export type DimensionScore = z.infer<typeof DimensionScoreSchema>;

/** The next stage up and how far the total is from it; null when the contact is in the top stage. */
export const NextStageSchema = z.object({ label: z.string(), min: z.number(), pointsToGo: z.number() });
export type NextStage = z.infer<typeof NextStageSchema>;

/** How an event rule's points fade and which events count: the card's "halves every 14 days · newest 9 days ago". */
export const EventRuleTermsSchema = z.object({
  decay: z.object({ kind: z.enum(['none', 'linear', 'halfLife', 'window']), days: z.number().nullable() }),
  /** Only events at most this many days old count; null: any age. */
  withinDays: z.number().nullable(),
});
export type EventRuleTerms = z.infer<typeof EventRuleTermsSchema>;

export const ScoreFiguresSchema = z.object({
  total: z.number().int(),
  fit: DimensionScoreSchema,
  engagement: DimensionScoreSchema,
  /** Fit letter + engagement digit, e.g. "B2". */
  grade: z.string(),
  /** A stage label from the model, or "none". */
  stage: z.string(),
  /** The stage below the current one's threshold (or 0): the progress bar runs from it to `nextStage.min`. */
  stageFloor: z.number(),
  nextStage: NextStageSchema.nullable(),
  breakdown: z.array(BreakdownItemSchema),
  adjustments: z.array(CapAdjustmentSchema),
  /** The model's weights: the total is `fit × fit + engagement × engagement`, rounded (the card's arithmetic line). */
  weights: z.object({ fit: z.number(), engagement: z.number() }).optional(),
  /** The terms of the event rules in the breakdown, by rule id. */
  eventRules: z.record(z.string(), EventRuleTermsSchema).optional(),
  /**
   * True when the breakdown could not be recomputed (HubSpot did not answer the card's read of the contact): the
   * figures are the ones last written, `breakdown` and `adjustments` are empty, and the card says why instead of
   * "No rule matched".
   */
  breakdownUnavailable: z.boolean().optional(),
});
export type ScoreFigures = z.infer<typeof ScoreFiguresSchema>;

/** A score under one model version, or the fact that the contact is outside the model's scope. */
export const ScoreViewSchema = z.discriminatedUnion('state', [
  ScoreFiguresSchema.extend({ state: z.literal('scored') }),
  z.object({ state: z.literal('out-of-scope') }),
]);
export type ScoreView = z.infer<typeof ScoreViewSchema>;
