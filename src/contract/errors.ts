import { z } from 'zod';

/**
 * The error body every API route answers with on failure, and the codes the UI switches on. Validation
 * problems carry `issues` named by JSON path (SCORING-MODEL.md: `fit.groups[1].rules[0].when.op`), so the
 * settings editor can show each one next to the field that caused it.
 */
export const PathIssueSchema = z.object({ path: z.string(), message: z.string() });
export type PathIssue = z.infer<typeof PathIssueSchema>;

export const API_ERROR_CODES = [
  'UNAUTHORIZED', // signature missing, wrong or stale
  'BAD_REQUEST', // the request body or parameters failed the contract schema
  'MODEL_INVALID', // a model failed validation: nothing was saved
  'NOT_FOUND',
  'NOT_INSTALLED', // the signing portal has not installed the app (or uninstalled it)
  'CONFLICT', // e.g. publishing with no draft, rolling back to the current version
  'UNAVAILABLE', // a dependency (Redis, HubSpot) is down: retry later
  'INTERNAL',
] as const;
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: ApiErrorCodeSchema,
    message: z.string(),
    issues: z.array(PathIssueSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
