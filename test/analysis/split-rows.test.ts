import { uniformSample } from '../../src/queue/analysis-source.js';
import { describe, expect, it } from 'vitest';
import { foldsOf, splitRows } from '../../src/analysis/split-rows.js';
import { signalStats } from '../../src/analysis/signal-stats.js';

// 100 rows, every third one converted: 34 converters (i = 0, 3, …, 99), 66 others.
const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, converted: i % 3 === 0 }));

describe('splitRows and foldsOf', () => {
  it('puts the same share of converters and of others on the training side', () => {
    // round(0.7 × 34) = 24 converters, round(0.7 × 66) = 46 others.
    const { train, test } = splitRows(rows, 0.7, 1);
    expect(train.filter((r) => r.converted).length).toBe(24);
    expect(train.filter((r) => !r.converted).length).toBe(46);
    expect(train.length + test.length).toBe(100);
    expect(new Set([...train, ...test].map((r) => r.id)).size).toBe(100);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    const ids = (seed: number) => splitRows(rows, 0.7, seed).train.map((r) => r.id);
    expect(ids(7)).toEqual(ids(7));
    expect(ids(7)).not.toEqual(ids(8));
  });

  it('deals converters and others evenly over the folds', () => {
    // 34 converters over 5 folds: 7, 7, 7, 7, 6; 66 others: 14, 13, 13, 13, 13.
    const fold = foldsOf(rows, 5, 1);
    const count = (f: number, c: boolean) => rows.filter((r, i) => fold[i] === f && r.converted === c).length;
    expect([0, 1, 2, 3, 4].map((f) => count(f, true))).toEqual([7, 7, 7, 7, 6]);
    expect([0, 1, 2, 3, 4].map((f) => count(f, false))).toEqual([14, 13, 13, 13, 13]);
  });
});

describe('signalStats', () => {
  it('reports support, rate, lift and the lift interval as the rate interval over the base rate', () => {
    // 3 of 4 rows converted, base rate 0.4 over 10 rows: share 0.4, rate 0.75, lift 1.875;
    // Wilson 3/4 = 0.300636 … 0.954414, so lift 0.751590 … 2.386035.
    const s = signalStats(3, 4, 10, 0.4);
    expect(s).toMatchObject({ n: 4, successes: 3, share: 0.4, rate: 0.75, lift: 1.875 });
    expect(s.liftLow).toBeCloseTo(0.75159, 4);
    expect(s.liftHigh).toBeCloseTo(2.386035, 4);
  });
});

describe('uniformSample', () => {
  it('draws k distinct ids from the whole list, seeded, in listed order, and every id when there are few', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(i));
    const sample = uniformSample(ids, 1000, 3);
    expect(new Set(sample).size).toBe(1000);
    expect(sample).toEqual([...sample].sort((a, b) => Number(a) - Number(b)));
    expect(uniformSample(ids, 1000, 3)).toEqual(sample);
    // Spread across the whole portal, not its first pages: each tenth of the list holds about a tenth of the sample.
    const tenths = Array.from({ length: 10 }, (_, t) => sample.filter((id) => Math.floor(Number(id) / 1000) === t).length);
    for (const n of tenths) expect(n).toBeGreaterThan(60);
    expect(uniformSample(['a', 'b'], 5, 1)).toEqual(['a', 'b']);
  });
});
