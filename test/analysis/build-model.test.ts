import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/analysis/build-model.js';
import type { Feature } from '../../src/analysis/candidate-features.js';
import { profileColumn } from '../../src/analysis/column-profile.js';
import { dimensionOf } from '../../src/analysis/dimension-of.js';
import { proposeGrades, proposeStages } from '../../src/analysis/propose-thresholds.js';
import { compileModel, evaluate, parseModel } from '../../src/scoring/index.js';

const set = (column: string, members: string[], frequent: string[]): Feature['spec'] => ({
  type: 'set',
  column,
  members,
  unknown: false,
  other: false,
  frequent,
});

/*
 * Four rows, four fitted signals (log-odds coefficients):
 *   Plan is Pro        +2    rows: 1 0 1 0
 *   Country is US      −1    rows: 1 1 0 0   → the other cells score +1 above US: "Country is not US"
 *   Visits ≥ 5         +1    rows: 1 1 0 0
 *   Visits ≥ 10        +0.5  rows: 1 0 0 0   → cells [5, 10) +1 and ≥ 10 +1.5, disjoint
 * Fit reach: Plan 2 + Country 1 = 3 → points 2·100/3 = 66.7 → 67 and 1·100/3 = 33.3 → 33.
 * Engagement reach: the cell ≥ 10 holds 1.5 → points 100 and 1·100/1.5 = 66.7 → 67.
 * Weights: fit 3/(3 + 1.5) = 0.67, engagement 0.33.
 */
const values: Record<string, string[]> = { Plan: ['Pro', 'Free', 'Pro', 'Free'], Country: ['US', 'US', 'India', 'India'], Visits: ['12', '6', '1', '0'] };
const profiles = new Map(
  Object.entries(values).map(([column, v]) => [column, profileColumn(column, v, [true, false, true, false], new Set(['']), 1)]),
);
const chosen = [
  { feature: { spec: set('Plan', ['Pro'], ['Pro', 'Free']), x: Float32Array.of(1, 0, 1, 0) }, coef: 2 },
  { feature: { spec: set('Country', ['US'], ['US', 'India']), x: Float32Array.of(1, 1, 0, 0) }, coef: -1 },
  { feature: { spec: { type: 'atLeast' as const, column: 'Visits', threshold: 5 }, x: Float32Array.of(1, 1, 0, 0) }, coef: 1 },
  { feature: { spec: { type: 'atLeast' as const, column: 'Visits', threshold: 10 }, x: Float32Array.of(1, 0, 0, 0) }, coef: 0.5 },
];

describe('buildModel', () => {
  const built = buildModel(chosen, { id: 'learnt', name: 'Learnt', propertyPrefix: 'lead_score' }, ['', 'Select'], (c) => dimensionOf(c, {}), profiles);
  const parsed = parseModel(built.model);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const model = parsed.model;

  it('scales log-odds to integer points so each dimension reaches 100, with disjoint positive rules per column', () => {
    // Columns in order of reach (Plan 2, Visits 1.5, Country 1), rules within a column by points.
    expect(built.rules.map((r) => [r.dimension, r.label, r.points])).toEqual([
      ['fit', 'Plan is Pro', 67],
      ['engagement', 'Visits ≥ 10', 100],
      ['engagement', 'Visits from 5 to under 10', 67],
      ['fit', 'Country is not US (unknown included)', 33],
    ]);
    expect(model.total).toEqual({ fitWeight: 0.67, engagementWeight: 0.33 });
    expect(model.fit.groups.map((g) => g.id)).toEqual(['plan', 'country']);
  });

  it('scores in the engine in proportion to the fitted log-odds', () => {
    // Pro, US, 12 visits: log-odds above the intercept 2 + 0 + 1.5 = 3.5; fit 67, engagement 100,
    // total 0.67·67 + 0.33·100 = 77.89 → 78 (the fit's 3.5 × 100/4.5 = 77.8).
    const compiled = compileModel(model);
    const result = evaluate(compiled, { properties: { Plan: 'Pro', Country: 'us', Visits: '12' }, events: [] }, 0);
    expect(result).toMatchObject({ inScope: true, fit: 67, engagement: 100, total: 78 });
    // Free, India, no visits: only "Country is not US" holds: fit 33, total 0.67·33 = 22.11 → 22.
    const low = evaluate(compiled, { properties: { Plan: 'Free', Country: 'India' }, events: [] }, 0);
    expect(low).toMatchObject({ fit: 33, engagement: 0, total: 22 });
  });
});

describe('proposeStages and proposeGrades', () => {
  it('puts SQL at the lowest total precise enough and MQL below it', () => {
    // Totals 90, 80, 70, 60, 50, 40, 30, 20, 10, 0 with converters at 90, 80, 70, 50, 30.
    // Precision of "≥ t": ≥ 61..70 → 3/3; ≥ 51..60 → 3/4 = 0.75; ≥ 41..50 → 4/5 = 0.8; ≥ 31..40 → 4/6 = 0.667;
    // so SQL = 41, the lowest t with ≥ 0.8. MQL (≥ 0.5, below 41): ≥ 1..10 → 5/9 = 0.556 passes, so MQL = 1.
    const totals = [90, 80, 70, 60, 50, 40, 30, 20, 10, 0];
    const labels = [true, true, true, false, true, false, true, false, false, false];
    expect(proposeStages(totals, labels, { sqlPrecision: 0.8, mqlPrecision: 0.5 })).toEqual([
      { label: 'SQL', min: 41 },
      { label: 'MQL', min: 1 },
    ]);
    // At 0.99 only the pure top (≥ 61) qualifies; MQL at 0.6: ≥ 21..30 → 5/7 = 0.714, ≥ 11..20 → 5/8 = 0.625,
    // ≥ 1..10 → 0.556, so MQL = 11.
    expect(proposeStages(totals, labels, { sqlPrecision: 0.99, mqlPrecision: 0.6 })).toEqual([
      { label: 'SQL', min: 61 },
      { label: 'MQL', min: 11 },
    ]);
    // When no threshold is precise enough, SQL falls back to the top 10% (here the top total, 90) and MQL, with
    // nothing at 0.95 below it either, to the top 30% (from the third-best total, 70).
    expect(proposeStages(totals, labels.map((l, i) => l && i > 0), { sqlPrecision: 0.95, mqlPrecision: 0.95 })).toEqual([
      { label: 'SQL', min: 90 },
      { label: 'MQL', min: 70 },
    ]);
  });

  it('sets grade bands at the quartiles, or the default bands when the quartiles collide', () => {
    // Fit scores 0..100 by tens (11 values, best first): top 25% starts at rank ⌈2.75⌉ = 3 → 80,
    // top 50% at rank 6 → 50, top 75% at rank ⌈8.25⌉ = 9 → 20.
    const fit = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const grades = proposeGrades(fit, [0, 0, 0, 0, 5]);
    expect(grades.fit.map((b) => b.min)).toEqual([80, 50, 20, 0]);
    expect(grades.engagement.map((b) => b.min)).toEqual([75, 50, 25, 0]);
  });
});
