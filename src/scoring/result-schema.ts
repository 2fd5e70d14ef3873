import { z } from 'zod';

/**
 * What `evaluate` returns (the shared contract in the team brief). Schemas, so a stored result can be validated
 * when it is read back; the types are their z.infer.
 */
export const DimensionNameSchema = z.enum(['fit', 'engagement']);
export type DimensionName = z.infer<typeof DimensionNameSchema>;

/** Why a property rule matched: the trimmed values of the properties its condition reads (null = unknown). */
export const PropertyMatchSchema = z.object({ kind: z.literal('property'), values: z.record(z.string(), z.string().nullable()) });

/** Why an event rule matched: how many events counted, the newest one's time, and its sum before `maxPoints`. */
export const EventMatchSchema = z.object({
  kind: z.literal('events'),
  count: z.number().int().min(1),
  /** Epoch ms of the newest counted event. */
  newestAt: z.number(),
  /** The decayed sum before the rule's own `maxPoints` cap, one decimal. Differs from `points` when the cap cut. */
  beforeCap: z.number(),
});

/** One rule that matched, in model order. `points` is its contribution after its own `maxPoints` cap. */
export const BreakdownItemSchema = z.object({
  dimension: DimensionNameSchema,
  groupId: z.string(),
  groupLabel: z.string(),
  ruleId: z.string(),
  label: z.string(),
  /** Rounded half away from zero to one decimal. */
  points: z.number(),
  /** The exact contribution; these, plus the adjustments' `unrounded`, sum to `unrounded.fit` / `.engagement`. */
  unrounded: z.number(),
  /**
   * What the rule would give with no decay (after its `maxPoints` cap), one decimal: the card's "18.2 of 24".
   * Null for property rules and when decay took nothing off.
   */
  undecayed: z.number().nullable(),
  matched: z.discriminatedUnion('kind', [PropertyMatchSchema, EventMatchSchema]),
});
export type BreakdownItem = z.infer<typeof BreakdownItemSchema>;

/** A group `max` or the dimension's `[0, max]` that cut the sum of the items above it. */
export const CapAdjustmentSchema = z.object({
  dimension: DimensionNameSchema,
  /** The capped group; null when the dimension's own `[0, max]` cut. */
  groupId: z.string().nullable(),
  /** The group's label, or the dimension's name ("Fit", "Engagement"). */
  label: z.string(),
  /** Exact value before and after the cap. */
  before: z.number(),
  after: z.number(),
  /** `after − before`, one decimal (always ≤ 0 for a cap from above, ≥ 0 for the 0 floor). */
  points: z.number(),
  unrounded: z.number(),
});
export type CapAdjustment = z.infer<typeof CapAdjustmentSchema>;

export const InScopeResultSchema = z.object({
  inScope: z.literal(true),
  fit: z.number().int(),
  engagement: z.number().int(),
  total: z.number().int(),
  /** Fit letter + engagement digit, e.g. "B2". */
  grade: z.string(),
  /** A stage label, or "none". */
  stage: z.string(),
  breakdown: z.array(BreakdownItemSchema),
  adjustments: z.array(CapAdjustmentSchema),
  unrounded: z.object({ fit: z.number(), engagement: z.number(), total: z.number() }),
  /** Epoch ms when decay or a time window will next change a rounded output; null when nothing will. */
  nextChangeAt: z.number().nullable(),
  /** The `now` the score was computed at (epoch ms): `outputProperties` writes it as `_updated_at`. */
  evaluatedAt: z.number(),
});
export type InScopeResult = z.infer<typeof InScopeResultSchema>;

export const ScoreResultSchema = z.discriminatedUnion('inScope', [InScopeResultSchema, z.object({ inScope: z.literal(false) })]);
export type ScoreResult = z.infer<typeof ScoreResultSchema>;
