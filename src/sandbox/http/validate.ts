import type { z } from 'zod';
import { validationError } from './hubspot-error.js';

/** Parses a request body with zod, failing as HubSpot does: 400 VALIDATION_ERROR naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const errors = r.error.issues.map((i) => ({ message: i.message, in: i.path.join('.') || 'body' }));
  throw validationError(`Invalid input: ${errors.map((e) => `${e.in}: ${e.message}`).join('; ')}`, { errors });
}
