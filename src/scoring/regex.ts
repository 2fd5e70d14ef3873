import { RE2JS } from 're2js';

/** A compiled `matches` pattern: case-insensitive, unanchored (like `RegExp.prototype.test`), linear time. */
export type Matcher = { test(input: string): boolean };

/**
 * Compiles a `matches` pattern with RE2 semantics (SCORING-MODEL.md: linear time, no backreferences), so a
 * pattern like `(a+)+$` cannot hang the worker on a long value. Throws on a pattern RE2 rejects; the schema
 * calls {@link regexError} first, so a parsed model always compiles.
 */
export function compileRegex(pattern: string): Matcher {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/** Why RE2 rejects a pattern, or null when it compiles. */
export function regexError(pattern: string): string | null {
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return null;
  } catch (error) {
    // re2js applies the case-insensitive flag as a `(?i)` prefix and quotes it back: show the user's pattern.
    const detail = (error instanceof Error ? error.message : String(error)).replace('`(?i)', '`');
    return `invalid regular expression (RE2 syntax: no lookaround or backreferences): ${detail}`;
  }
}
