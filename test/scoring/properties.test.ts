import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, evaluate, parseModel, roundScore, type InScopeResult, type Model } from '../../src/scoring/index.js';
import { events, modelDoc, properties } from './arbitraries.js';
import { DAY_MS, NOW } from './helpers.js';

const RUNS = Number(process.env.SCORING_FC_RUNS ?? 300);

function parse(doc: unknown): Model {
  const r = parseModel(doc);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

describe('properties over random models, contacts and events', () => {
  it('parseModel accepts every generated valid model', () => {
    fc.assert(fc.property(modelDoc, (doc) => parseModel(doc).ok), { numRuns: RUNS });
  });

  it('the breakdown plus the adjustments sums to each dimension score', () => {
    fc.assert(
      fc.property(modelDoc, properties, events, (doc, props, evs) => {
        const m = parse(doc);
        const r = evaluate(compileModel(m), { properties: props, events: evs }, NOW);
        if (!r.inScope) return;
        for (const dim of ['fit', 'engagement'] as const) {
          const sum = [...r.breakdown, ...r.adjustments].filter((x) => x.dimension === dim).reduce((s, x) => s + x.unrounded, 0);
          expect(sum).toBeCloseTo(r.unrounded[dim], 9);
          expect(r[dim]).toBe(roundScore(r.unrounded[dim]));
        }
        expect(r.total).toBe(roundScore(m.total.fitWeight * r.unrounded.fit + m.total.engagementWeight * r.unrounded.engagement));
      }),
      { numRuns: RUNS },
    );
  });

  it('scores stay inside [0, max]', () => {
    fc.assert(
      fc.property(modelDoc, properties, events, (doc, props, evs) => {
        const m = parse(doc);
        const r = evaluate(compileModel(m), { properties: props, events: evs }, NOW);
        if (!r.inScope) return;
        expect(r.unrounded.fit).toBeGreaterThanOrEqual(0);
        expect(r.unrounded.fit).toBeLessThanOrEqual(m.fit.max);
        expect(r.unrounded.engagement).toBeGreaterThanOrEqual(0);
        expect(r.unrounded.engagement).toBeLessThanOrEqual(m.engagement.max);
        expect(r.fit).toBeLessThanOrEqual(roundScore(m.fit.max));
        expect(r.engagement).toBeLessThanOrEqual(roundScore(m.engagement.max));
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluation is deterministic, whatever was evaluated before on the same compiled model', () => {
    fc.assert(
      fc.property(modelDoc, properties, events, properties, events, (doc, props, evs, otherProps, otherEvs) => {
        const m = parse(doc);
        const compiled = compileModel(m);
        const first = evaluate(compiled, { properties: props, events: evs }, NOW);
        evaluate(compiled, { properties: otherProps, events: otherEvs }, NOW + 3 * DAY_MS);
        expect(evaluate(compiled, { properties: props, events: evs }, NOW)).toEqual(first);
        expect(evaluate(compileModel(parse(doc)), { properties: { ...props }, events: evs.map((e) => ({ ...e })) }, NOW)).toEqual(first);
      }),
      { numRuns: RUNS },
    );
  });

  it('no rounded output changes before nextChangeAt, and none ever when it is null', () => {
    const rounded = (r: ReturnType<typeof evaluate>) => (r.inScope ? [r.fit, r.engagement, r.total] : 'out');
    fc.assert(
      fc.property(modelDoc, properties, events, (doc, props, evs) => {
        const compiled = compileModel(parse(doc));
        const contact = { properties: props, events: evs };
        const r = evaluate(compiled, contact, NOW);
        if (!r.inScope) return;
        const next = (r as InScopeResult).nextChangeAt;
        // The search may be up to 1 s late (its minimum step), so probe until 1 s before the reported time.
        const probes = next === null ? [DAY_MS, 10 * DAY_MS, 100 * DAY_MS, 1000 * DAY_MS].map((d) => NOW + d) : [0.1, 0.3, 0.5, 0.7, 0.9, 1].map((f) => NOW + f * (next - NOW - 1001));
        for (const t of probes) if (t > NOW) expect(rounded(evaluate(compiled, contact, t))).toEqual(rounded(r));
        if (next !== null) expect(next).toBeGreaterThan(NOW);
      }),
      { numRuns: RUNS },
    );
  });
});
