import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { specCondition, specLabel, type FeatureSpec } from '../../src/analysis/feature-spec.js';
import { compileModel, evaluate, parseModel, type Condition } from '../../src/scoring/index.js';

const TOKENS = ['', 'Select'];
const FREQUENT = ['Google', 'Direct Traffic', 'Olark Chat', 'Reference'];

/** True when the real engine finds `when` true for a contact whose `col` is `value`. */
function engineHolds(when: Condition, value: string | null): boolean {
  const parsed = parseModel({
    id: 'probe',
    name: 'Probe',
    fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'R', points: 10, when }] }] },
    engagement: { groups: [] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const result = evaluate(compileModel(parsed.model), { properties: { col: value }, events: [] }, 0);
  if (!result.inScope) throw new Error('out of scope');
  return result.fit === 10;
}

/** What the spec means, written independently of specCondition: the analysis's own reading of a value. */
function member(spec: Extract<FeatureSpec, { type: 'set' }>, value: string | null): boolean {
  const v = (value ?? '').trim();
  if (v === '' || TOKENS.some((t) => t.toLowerCase() === v.toLowerCase())) return spec.unknown;
  if (spec.members.some((m) => m.toLowerCase() === v.toLowerCase())) return true;
  return spec.frequent.some((f) => f.toLowerCase() === v.toLowerCase()) ? false : spec.other;
}

const values = fc.oneof(
  fc.constantFrom(...FREQUENT, 'google', ' Reference ', 'OLARK CHAT', 'Facebook', 'bing', '', '  ', 'Select', 'select'),
  fc.constant(null),
);

describe('signal conditions', () => {
  it('hold in the engine exactly when the value is in the set, and their negation exactly when it is not', () => {
    const sets = fc.record({
      members: fc.subarray(FREQUENT),
      unknown: fc.boolean(),
      other: fc.boolean(),
    });
    fc.assert(
      fc.property(sets, fc.boolean(), values, ({ members, unknown, other }, negate, value) => {
        const spec = { type: 'set' as const, column: 'col', members, unknown, other, frequent: FREQUENT };
        const expected = member(spec, value) !== negate;
        expect(engineHolds(specCondition(spec, negate, TOKENS), value)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('compare whole values on a multi-select column, where `in` would match items', () => {
    const frequent = ['Google', 'Google;Reference', 'Reference'];
    const multi = fc.oneof(fc.constantFrom('google', 'Google;Reference', 'reference;google', 'Reference', 'Olark', '', 'Select'), fc.constant(null));
    const sets = fc.record({ members: fc.subarray(frequent), unknown: fc.boolean(), other: fc.boolean() });
    fc.assert(
      fc.property(sets, fc.boolean(), multi, ({ members, unknown, other }, negate, value) => {
        const spec = { type: 'set' as const, column: 'col', members, unknown, other, frequent, wholeValues: true };
        expect(engineHolds(specCondition(spec, negate, TOKENS), value)).toBe(member(spec, value) !== negate);
      }),
      { numRuns: 300 },
    );
  });

  it('hold for a numeric threshold exactly when the value is a number at or above it, negated otherwise', () => {
    const spec: FeatureSpec = { type: 'atLeast', column: 'col', threshold: 371 };
    const cases: [string | null, boolean][] = [['371', true], ['1200', true], [' 500 ', true], ['370.5', false], ['0', false], ['', false], [null, false], ['Select', false], ['n/a', false]];
    for (const [value, holds] of cases) {
      expect(engineHolds(specCondition(spec, false, TOKENS), value)).toBe(holds);
      expect(engineHolds(specCondition(spec, true, TOKENS), value)).toBe(!holds);
    }
  });

  it('hold for a numeric range [lo, hi) exactly on its values', () => {
    const spec: FeatureSpec = { type: 'range', column: 'col', lo: 2, hi: 5 };
    const cases: [string | null, boolean][] = [['2', true], ['4.99', true], ['5', false], ['1', false], [null, false]];
    for (const [value, holds] of cases) expect(engineHolds(specCondition(spec, false, TOKENS), value)).toBe(holds);
  });

  it('are labelled in the form of their condition: the members of an in, what a notIn leaves out', () => {
    const base = { type: 'set' as const, column: 'Lead Source', frequent: FREQUENT, other: false, unknown: false };
    expect(specLabel({ ...base, members: ['Reference', 'Google'] })).toBe('Lead Source is Reference or Google');
    expect(specLabel({ ...base, members: ['Olark Chat'] }, true)).toBe('Lead Source is not Olark Chat (unknown included)');
    expect(specLabel({ ...base, members: [], unknown: true })).toBe('Lead Source is unknown');
    expect(specLabel({ ...base, members: [], unknown: true }, true)).toBe('Lead Source is known');
    expect(specLabel({ type: 'atLeast', column: 'TotalVisits', threshold: 3 }, true)).toBe('TotalVisits below 3 or unknown');
  });

  it('keep labels within the 80 characters a model allows', () => {
    const many = Array.from({ length: 30 }, (_, i) => `A fairly long level name ${i}`);
    const label = specLabel({ type: 'set', column: 'Some Column', members: many.slice(0, 20), frequent: many, unknown: false, other: false });
    expect(label.length).toBeLessThanOrEqual(80);
    expect(label).toMatch(/ or \d+ more$/);
  });
});
