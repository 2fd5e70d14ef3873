import { z } from 'zod';

/**
 * One engagement event (SCORING-MODEL.md "Events"): a type, a time (ISO 8601 or epoch ms) and any attributes
 * (`url`, `form`, `campaign`…) that an event rule's `where` can test.
 */
export const ScoringEventSchema = z.looseObject({
  type: z.string().min(1),
  at: z.union([z.string(), z.number()]),
});
export type ScoringEvent = z.infer<typeof ScoringEventSchema>;

/** What the engine scores: the contact's property values (strings or null, as HubSpot sends them) and events. */
export const ContactInputSchema = z.object({
  properties: z.record(z.string(), z.string().nullish()),
  events: z.array(ScoringEventSchema),
});
export type ContactInput = z.infer<typeof ContactInputSchema>;
