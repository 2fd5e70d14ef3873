import { RE2JS } from 're2js';

/** A compiled `matches` pattern: case-insensitive, unanchored (like `RegExp.prototype.test`), linear time. */
export type Matcher = { test(input: string): boolean };

const MEMO_SIZE = 4096;
const MEMO_MAX_INPUT = 256;
/** After this many look-ups a memo that hits less than 1 in 8 is switched off (e.g. on unique emails). */
const MEMO_TRIAL = 4096;

/**
 * Compiles a `matches` pattern with RE2 semantics (SCORING-MODEL.md: linear time, no backreferences), so a
 * pattern like `(a+)+$` cannot hang the worker on a long value. Throws on a pattern RE2 rejects; the schema
 * calls {@link regexError} first, so a parsed model always compiles.
 *
 * RE2 in JavaScript costs ~0.5 µs per test, a tenth of the engine's budget per contact, while the values it
 * tests (job titles, industries) repeat across contacts. So answers for short values are memoised, in a bounded
 * map that is emptied when full, and dropped for good when it rarely hits. The answer is the same either way.
 */
export function compileRegex(pattern: string): Matcher {
  const re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  let memo: Map<string, boolean> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return {
    test(input: string): boolean {
      if (memo === null || input.length > MEMO_MAX_INPUT) return re.test(input);
      const known = memo.get(input);
      if (lookups < MEMO_TRIAL) {
        lookups++;
        if (known !== undefined) hits++;
        else if (lookups === MEMO_TRIAL && hits * 8 < lookups) memo = null;
      }
      if (known !== undefined) return known;
      const answer = re.test(input);
      if (memo !== null) {
        if (memo.size >= MEMO_SIZE) memo.clear();
        memo.set(input, answer);
      }
      return answer;
    },
  };
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
