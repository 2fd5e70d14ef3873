import { readFile } from 'node:fs/promises';
import { formatModelErrors, parseModel, type Model, type ModelError, type WarningContext } from '../scoring/index.js';
import { jsonErrorOffset } from './json-error-offset.js';

export type LoadedModel = { ok: true; model: Model; warnings: ModelError[] } | { ok: false; message: string };

/**
 * Reads and validates a model file for the CLI. Every failure comes back as text a user can act on: the file
 * cannot be read, is not JSON (with line and column), or breaks the model format (every error by JSON path,
 * then the warnings). A valid model comes with its warnings, which never stop it from being used.
 */
export async function readModel(path: string, context?: WarningContext): Promise<LoadedModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
    return { ok: false, message: `cannot read ${path}: ${why}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${path} is not valid JSON: ${jsonErrorWhere(text, error)}` };
  }
  const parsed = parseModel(json, context);
  if (parsed.ok) return parsed;
  const n = parsed.errors.length;
  const warnings = parsed.warnings.length ? `\n${formatWarnings(parsed.warnings)}` : '';
  return { ok: false, message: `invalid: ${path} (${plural(n, 'error')})\n${formatModelErrors(parsed.errors)}${warnings}` };
}

/** One line per warning: `warning: grades.fit[0].min: 150 is above fit.max (100): this band can never apply`. */
export function formatWarnings(warnings: readonly ModelError[]): string {
  return formatModelErrors(warnings).split('\n').map((line) => `warning: ${line}`).join('\n');
}

/** `1 rule`, `2 rules`. */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** JSON.parse's message with the line and column of the error (Node 20's messages carry no position). */
export function jsonErrorWhere(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const offset = jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message.split('\n')[0]} (line ${line}, column ${column})`;
}

/** Number of rules in a model (for the CLI's summary line). */
export function countRules(model: Model): number {
  return [...model.fit.groups, ...model.engagement.groups].reduce((n, g) => n + g.rules.length, 0);
}
