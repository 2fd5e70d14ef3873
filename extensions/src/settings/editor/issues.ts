import type { PathIssue } from '../../../../src/contract/index.js';

/**
 * Validation problems from the server, looked up by the JSON path of the field that caused them
 * (`fit.groups[1].rules[0].when.op`). Paths are built with the same syntax as the engine's `parseModel`.
 */
export interface Issues {
  /** The message for exactly this path. */
  at(path: string): string | undefined;
  /** How many problems lie at or under this path (for section titles). */
  countUnder(path: string): number;
}

export function indexIssues(list: PathIssue[]): Issues {
  const byPath = new Map<string, string>();
  for (const issue of list) byPath.set(issue.path, byPath.has(issue.path) ? `${byPath.get(issue.path)}; ${issue.message}` : issue.message);
  return {
    at: (path) => byPath.get(path),
    countUnder: (path) => list.filter((i) => i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`)).length,
  };
}

/** `key(base, 'when')` → `base.when`; the root has no leading dot. */
export const key = (base: string, name: string) => (base ? `${base}.${name}` : name);
/** `index(base, 2)` → `base[2]`. */
export const index = (base: string, i: number) => `${base}[${i}]`;

/** The props every field takes to show its problem (HubSpot inputs render `validationMessage` under the field). */
export function fieldError(issues: Issues, path: string): { error: boolean; validationMessage?: string } {
  const message = issues.at(path);
  return message ? { error: true, validationMessage: message } : { error: false };
}
