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

/** How many of the properties the fit rules read are empty on this contact ("3 of 5 fit fields unknown"). */
export const FitFieldsSchema = z.object({
  unknown: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Names of the unknown properties, so the rep knows what to ask. */
  unknownNames: z.array(z.string()),
});
export type FitFields = z.infer<typeof FitFieldsSchema>;

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
    scoredAt: z.iso.datetime(),
  }),
  ScoreFiguresSchema.extend({
    state: z.literal('scored'),
    contactId: z.string(),
    model: ModelRefSchema,
    scoredAt: z.iso.datetime(),
    history: z.array(HistoryPointSchema),
    fitFields: FitFieldsSchema,
  }),
]);
export type CardData = z.infer<typeof CardDataSchema>;

/** Path parameters of the card routes: HubSpot object ids are numeric strings. */
export const ContactParamsSchema = z.object({ contactId: z.string().regex(/^\d{1,20}$/, 'must be a numeric id') });
export type ContactParams = z.infer<typeof ContactParamsSchema>;
