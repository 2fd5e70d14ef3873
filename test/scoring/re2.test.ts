import { describe, expect, it } from 'vitest';
import { compileModel, evaluate } from '../../src/scoring/index.js';
import { MODEL_LIMITS } from '../../src/scoring/limits.js';
import { NOW, propertyRuleModel } from './helpers.js';

/** Milliseconds to score one contact whose `p` is `value`: the best of three, to damp scheduler noise. */
function timeMatch(pattern: string, value: string): { ms: number; fit: number } {
  const compiled = compileModel(propertyRuleModel({ property: 'p', op: 'matches', value: pattern }));
  let best = Infinity;
  let fit = -1;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = evaluate(compiled, { properties: { p: value }, events: [] }, NOW);
    best = Math.min(best, performance.now() - t0);
    fit = r.inScope ? r.fit : -1;
  }
  return { ms: best, fit };
}

describe('matches runs on RE2', () => {
  it('answers a catastrophic-backtracking pattern in time linear in the value', () => {
    // A backtracking engine needs ~2^n steps for `(a+)+$` on "aaa…a!"; RE2 scans the input once. Values are read
    // up to MODEL_LIMITS.valueChars, so both inputs stay within what a condition reads.
    const half = Math.floor(MODEL_LIMITS.valueChars / 2) - 1;
    timeMatch('(a+)+$', `${'a'.repeat(half)}!`); // warm up the JIT so the two timings compare
    const small = timeMatch('(a+)+$', `${'a'.repeat(half)}!`);
    const large = timeMatch('(a+)+$', `${'a'.repeat(2 * half)}!`);
    expect(small.fit).toBe(0);
    expect(large.fit).toBe(0);
    expect(small.ms).toBeLessThan(1000);
    expect(large.ms).toBeLessThan(1000);
    // Twice the input, roughly twice the time (generous slack: a shared CI machine is noisy).
    expect(large.ms).toBeLessThan(small.ms * 4 + 50);
    console.info(`(a+)+$ on ${half} chars: ${small.ms.toFixed(2)} ms; on ${2 * half}: ${large.ms.toFixed(2)} ms`);
  });

  it('still matches when the long input does match', () => {
    expect(timeMatch('(a+)+$', 'a'.repeat(50_000)).fit).toBe(10);
  });

  it('reads only the first MODEL_LIMITS.valueChars characters of a 65,536-character value', () => {
    const value = `${'a'.repeat(MODEL_LIMITS.valueChars)}${'!'.repeat(65_536 - MODEL_LIMITS.valueChars)}`;
    expect(timeMatch('!', value).fit).toBe(0);
    expect(timeMatch('(a+)+$', value).fit).toBe(10);
    expect(timeMatch('!', `${'a'.repeat(MODEL_LIMITS.valueChars - 1)}!`).fit).toBe(10);
  });
});
