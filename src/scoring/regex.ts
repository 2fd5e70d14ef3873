import { RE2JS } from 're2js';
import { MODEL_LIMITS } from './limits.js';

/** A compiled `matches` pattern: case-insensitive, unanchored (like `RegExp.prototype.test`), linear time. */
export type Matcher = { test(input: string): boolean };

const MEMO_SIZE = 4096;
/** Programs larger than this skip re2js's lazy DFA (see compileRegex). */
const DFA_MAX_PROGRAM = 40;
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
  const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  // re2js's lazy DFA (behind `test`) builds states of up to one entry per instruction and clears its whole cache
  // when 8 MB fill up: on a large program (`a.{96}b`) over varied text that thrash costs up to ~20 ms per
  // 256-character value. `find` asks for the match position, which re2js answers with its bit-state backtracker
  // (at most program size × length steps, no cache) when the input is short enough: bounded, steady cost.
  const re = compiled.programSize() > DFA_MAX_PROGRAM ? { test: (input: string) => compiled.matcher(input).find() } : compiled;
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

/**
 * Why a pattern is refused, or null when it compiles within the limits. RE2 matches in time linear in the input
 * but also proportional to the compiled program (re2js runs a lazy DFA whose states are sets of instructions, and
 * falls back to an NFA that steps every live instruction per character), so `.{1000}` repeated ten times, a
 * 70-character pattern of 10,002 instructions, takes a second per 65,536-character value. The program size is
 * RE2's own measure (`RE2JS.programSize()`); the length is checked first so compiling stays cheap too.
 */
export function regexError(pattern: string): string | null {
  if (pattern.length > MODEL_LIMITS.patternChars) return `must be at most ${MODEL_LIMITS.patternChars} characters (the limit for a pattern)`;
  let size: number;
  try {
    size = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE).programSize();
  } catch (error) {
    // re2js applies the case-insensitive flag as a `(?i)` prefix and quotes it back: show the user's pattern.
    const detail = (error instanceof Error ? error.message : String(error)).replace('`(?i)', '`');
    return `invalid regular expression (RE2 syntax: no lookaround or backreferences): ${detail}`;
  }
  remember(pattern, size);
  if (size > MODEL_LIMITS.patternProgram) {
    return `compiles to ${size} RE2 instructions; the limit is ${MODEL_LIMITS.patternProgram} (large counted repeats like .{500} cost the most)`;
  }
  return null;
}

const sizes = new Map<string, number>();
function remember(pattern: string, size: number): void {
  if (sizes.size >= 4096) sizes.clear();
  sizes.set(pattern, size);
}

/** The compiled program size of a pattern within the length limit that compiles, else null (memoised). */
export function patternProgramSize(pattern: string): number | null {
  const known = sizes.get(pattern);
  if (known !== undefined) return known;
  if (pattern.length > MODEL_LIMITS.patternChars) return null;
  try {
    const size = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE).programSize();
    remember(pattern, size);
    return size;
  } catch {
    return null;
  }
}
