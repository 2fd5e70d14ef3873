import { z } from 'zod';
import { ScoreFiguresSchema } from './score.js';

/** The model version a score was computed under ("under model Inbound leads v3"). */
export const ModelRefSchema = z.object({ id: z.string(), name: z.string(), version: z.number().int().positive() });
export type ModelRef = z.infer<typeof ModelRefSchema>;

/** One point of the trend chart. */
export const HistoryPointSchema = z.object({
  at: z.iso.datetime(),
  total: z.number(),
  fit: z.number(),
  engagement: z.number(),
  stage: z.string(),
});
export type HistoryPoint = z.infer<typeof HistoryPointSchema>;

/**
 * The contact properties the fit rules read. The card counts which are empty itself, with HubSpot's own
 * `fetchCrmObjectProperties` ("3 of 5 fit fields unknown"): the values as the rep's HubSpot shows them, whatever
 * our server's read of the contact (for the breakdown) found.
 */
export const FitPropertiesSchema = z.array(z.string());

/**
 * The contact card's data. `not-scored`: no score yet (no published model, or the contact is waiting for its
 * first scoring); `out-of-scope`: the published model's scope excludes the contact; `scored`: everything.
 */
export const CardDataSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('not-scored'),
    contactId: z.string(),
    /** The published model that will score the contact, or null when the portal has none yet. */
    model: ModelRefSchema.nullable(),
  }),
  z.object({
    state: z.literal('out-of-scope'),
    contactId: z.string(),
    model: ModelRefSchema,
    /** When the contact was last found outside the scope. */
    scoredAt: z.iso.datetime(),
    /** The model's scope condition in words ("lifecyclestage is none of customer, evangelist"). */
    scope: z.string().optional(),
  }),
  ScoreFiguresSchema.extend({
    state: z.literal('scored'),
    contactId: z.string(),
    model: ModelRefSchema,
    scoredAt: z.iso.datetime(),
    history: z.array(HistoryPointSchema),
    fitProperties: FitPropertiesSchema,
  }),
]);
export type CardData = z.infer<typeof CardDataSchema>;

/** Path parameters of the card routes: HubSpot object ids are numeric strings. */
export const ContactParamsSchema = z.object({ contactId: z.string().regex(/^\d{1,20}$/, 'must be a numeric id') });
export type ContactParams = z.infer<typeof ContactParamsSchema>;
