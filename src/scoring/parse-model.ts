import { checkLimits } from './check-limits.js';
import { checkModel } from './check-model.js';
import { formatIssues, formatPath, type ModelError } from './format-issues.js';
import { ModelSchema, type Model } from './model-schema.js';
import { modelWarnings, type WarningContext } from './model-warnings.js';
import { reservedOutputIssues } from './reserved-properties.js';

/** `warnings` are never blocking (SCORING-MODEL.md "Errors and warnings"): a model with only warnings is valid. */
export type ParseModelResult = { ok: true; model: Model; warnings: ModelError[] } | { ok: false; errors: ModelError[]; warnings: ModelError[] };

/**
 * Validates a model document. Either the whole model is valid (with defaults filled in) or it is rejected whole
 * with every error named by its JSON path, e.g. `fit.groups[1].rules[0].when.op: unknown operator "equals"`.
 * The cross-field checks run even when the shape is wrong, so one round trip shows every mistake. Warnings (a
 * band that never applies, a rule that never fires; with `context.properties`, rules on properties the portal
 * lacks or of the wrong type) come with either answer and never make a model invalid.
 */
export function parseModel(input: unknown, context?: WarningContext): ParseModelResult {
  // Limits first: a document too deep or too large is refused before anything recursive (zod) reads it.
  const limits = checkLimits(input);
  const limitErrors = [...limits.issues, ...(limits.fatal ? [] : reservedOutputIssues(input))].map((i) => ({ path: formatPath(i.path), message: i.message }));
  if (limits.fatal) return { ok: false, errors: limitErrors, warnings: [] };
  const warnings = listWarnings(input, context);
  const result = ModelSchema.safeParse(input);
  if (result.success && !limitErrors.length) return { ok: true, model: result.data, warnings };
  const errors = result.success ? [] : formatIssues(result.error.issues, input);
  const seen = new Set(errors.map((e) => `${e.path}\u0000${e.message}`));
  for (const e of [...checkModel(input).map((i) => ({ path: formatPath(i.path), message: i.message })), ...limitErrors]) {
    if (!seen.has(`${e.path}\u0000${e.message}`)) errors.push(e);
  }
  return { ok: false, errors, warnings };
}

/**
 * The errors of a document too deep or too large to read at all, or null. Iterative like `parseModel`'s first
 * step, so a caller can refuse such a document before anything recursive touches it: zod, or the structured clone
 * that hands a draft to an evaluation thread (which overflows the stack on a document 20,000 levels deep).
 */
export function fatalLimitErrors(input: unknown): ModelError[] | null {
  const limits = checkLimits(input);
  return limits.fatal ? limits.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) : null;
}

/** The warnings of a model document by JSON path (see `modelWarnings`): what the editor and `validate` show. */
export function listWarnings(input: unknown, context?: WarningContext): ModelError[] {
  return modelWarnings(input, context).map((w) => ({ path: formatPath(w.path), message: w.message }));
}

/** One line per error, `path: message`, as the CLI and logs print them. */
export function formatModelErrors(errors: readonly ModelError[]): string {
  return errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n');
}
