import { describe, expect, it } from 'vitest';
import { compileModel, evaluate } from '../../src/scoring/index.js';
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
  it('answers a catastrophic-backtracking pattern on 50,000 characters in linear time', () => {
    // A backtracking engine needs ~2^50000 steps for `(a+)+$` on "aaa…a!"; RE2 scans the input once.
    timeMatch('(a+)+$', `${'a'.repeat(5_000)}!`); // warm up the JIT so the two timings compare
    const small = timeMatch('(a+)+$', `${'a'.repeat(50_000)}!`);
    const large = timeMatch('(a+)+$', `${'a'.repeat(100_000)}!`);
    expect(small.fit).toBe(0);
    expect(large.fit).toBe(0);
    expect(small.ms).toBeLessThan(1000);
    expect(large.ms).toBeLessThan(1000);
    // Twice the input, roughly twice the time (generous slack: a shared CI machine is noisy).
    expect(large.ms).toBeLessThan(small.ms * 4 + 50);
    console.info(`(a+)+$ on 50k chars: ${small.ms.toFixed(1)} ms; on 100k: ${large.ms.toFixed(1)} ms`);
  });

  it('still matches when the long input does match', () => {
    expect(timeMatch('(a+)+$', 'a'.repeat(50_000)).fit).toBe(10);
  });
});
