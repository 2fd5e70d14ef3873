import { z } from 'zod';
import { ConditionSchema } from './condition-schema.js';
import { checkModel } from './check-model.js';
import { DEFAULT_GRADES } from './default-grades.js';
import { RULE_UNION } from './markers.js';

/** Ids of models, groups and rules: `[a-z][a-z0-9_]{0,39}` (SCORING-MODEL.md "Document"). */
export const IdSchema = z
  .string({ error: 'expected an id (a string)' })
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must match [a-z][a-z0-9_]{0,39}: a lowercase letter, then up to 39 lowercase letters, digits or _');

const label = z.string().min(1, 'must not be empty').max(80, 'must be at most 80 characters');
const points = z.number();
const positiveDays = z.number().positive('must be > 0 days');

/** How an event's weight fades with its age. Absent (or `none`): no decay. */
export const DecaySchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('none') }),
    z.strictObject({ kind: z.literal('linear'), days: positiveDays }),
    z.strictObject({ kind: z.literal('halfLife'), days: positiveDays }),
    z.strictObject({ kind: z.literal('window'), days: positiveDays }),
  ],
  {
    error: (issue) => {
      const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
      return kind === undefined
        ? 'missing decay kind: use one of none, linear, halfLife, window'
        : `unknown decay kind ${JSON.stringify(kind)}`;
    },
  },
);
export type Decay = z.infer<typeof DecaySchema>;

/** A rule on the contact's properties: `points` when `when` holds. */
export const PropertyRuleSchema = z.strictObject({ id: IdSchema, label, points, when: ConditionSchema });
export type PropertyRule = z.infer<typeof PropertyRuleSchema>;

/** A rule on the contact's events: `points` per matching event, with optional window, cap and decay. */
export const EventRuleSchema = z.strictObject({
  id: IdSchema,
  label,
  points,
  event: z.strictObject({ type: z.string().min(1, 'must name an event type').max(100), where: ConditionSchema.optional() }),
  withinDays: positiveDays.optional(),
  maxPoints: z.number().min(0, 'must be ≥ 0').optional(),
  decay: DecaySchema.optional(),
});
export type EventRule = z.infer<typeof EventRuleSchema>;

export const RuleSchema = z.union([PropertyRuleSchema, EventRuleSchema], { error: () => RULE_UNION });
export type Rule = z.infer<typeof RuleSchema>;

export const GroupSchema = z.strictObject({
  id: IdSchema,
  label,
  max: z.number().min(0, 'must be ≥ 0').optional(),
  rules: z.array(RuleSchema),
});
export type Group = z.infer<typeof GroupSchema>;

export const DimensionSchema = z.strictObject({
  max: z.number().positive('must be > 0').default(100),
  groups: z.array(GroupSchema),
});
export type Dimension = z.infer<typeof DimensionSchema>;

const band = (grade: z.ZodString) => z.strictObject({ grade, min: z.number().min(0, 'must be ≥ 0') });
const gradeLabel = z.string().regex(/^[A-Za-z0-9+-]{1,3}$/, 'must be 1 to 3 letters, digits, + or -');
export const GradesSchema = z.strictObject({
  fit: z.array(band(gradeLabel)).min(1, 'needs at least one band'),
  engagement: z.array(band(gradeLabel)).min(1, 'needs at least one band'),
});
export type Grades = z.infer<typeof GradesSchema>;


export const StageSchema = z.strictObject({
  label: z.string().min(1, 'must not be empty').max(40, 'must be at most 40 characters'),
  min: z.number().min(0, 'must be ≥ 0'),
});
export type Stage = z.infer<typeof StageSchema>;

export const TotalSchema = z.strictObject({
  fitWeight: z.number().min(0, 'must be ≥ 0').default(0.5),
  engagementWeight: z.number().min(0, 'must be ≥ 0').default(0.5),
});

/**
 * The whole scoring model (SCORING-MODEL.md). Unknown fields are rejected so a typo (`maxpoints`) is an error,
 * not a silently ignored setting. Defaults: `propertyPrefix` "lead_score", dimension `max` 100, weights 0.5/0.5,
 * the example grade bands, no stages. Cross-field rules (unique ids, band order…) live in `checkModel`.
 */
export const ModelSchema = z
  .strictObject({
    id: IdSchema,
    name: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    description: z.string().max(2000, 'must be at most 2000 characters').optional(),
    propertyPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be a HubSpot property name: a lowercase letter, then up to 39 lowercase letters, digits or _')
      .default('lead_score'),
    fit: DimensionSchema,
    engagement: DimensionSchema,
    total: TotalSchema.default({ fitWeight: 0.5, engagementWeight: 0.5 }),
    grades: GradesSchema.default(() => structuredClone(DEFAULT_GRADES)),
    stages: z.array(StageSchema).default([]),
    scope: ConditionSchema.optional(),
  })
  .superRefine((model, ctx) => {
    for (const issue of checkModel(model)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

/** A parsed, valid model with its defaults filled in. */
export type Model = z.infer<typeof ModelSchema>;
export { DEFAULT_GRADES };
/** A model as written by a user (defaults optional). */
export type ModelInput = z.input<typeof ModelSchema>;
