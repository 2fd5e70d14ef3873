import { z } from 'zod';
import { parseDate, type ContactInput } from '../scoring/index.js';

/**
 * One line of the `score` command's JSONL input: `{ "id", "properties": {…}, "events": [ … ] }`. Property values
 * may be written as numbers or booleans for convenience; they are read as the strings HubSpot would send.
 */
export const ContactLineSchema = z.object({
  id: z.union([z.string().min(1), z.number()], { error: 'expected an id (a string or a number)' }),
  properties: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'expected a string, number, boolean or null' }))
    .default({}),
  events: z
    .array(
      z.looseObject({
        type: z.string().min(1, 'must name an event type'),
        at: z
          .union([z.string(), z.number()], { error: 'expected a time: ISO 8601 or epoch milliseconds' })
          .refine((at) => !Number.isNaN(parseDate(at)), 'not a time: use ISO 8601 (2025-06-01T09:30:00Z) or epoch milliseconds'),
      }),
    )
    .default([]),
});
export type ContactLine = z.infer<typeof ContactLineSchema>;

/** The engine's input for a line. */
export function toContactInput(line: ContactLine): ContactInput {
  const properties: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(line.properties)) properties[name] = value === null ? null : String(value);
  return { properties, events: line.events };
}
