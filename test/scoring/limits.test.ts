import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MODEL_LIMITS as L, parseModel } from '../../src/scoring/index.js';
import { HOSTILE_PATTERN, nested, worstModel } from '../../bench/lib/worst-model.js';

const starter = JSON.parse(readFileSync(new URL('../../examples/starter-model.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const base = { id: 'm', name: 'M', fit: { groups: [] }, engagement: { groups: [] } };
const withRules = (rules: unknown[]) => ({ ...base, fit: { groups: [{ id: 'g', label: 'G', rules }] } });
const prop = (id: string, when: unknown) => ({ id, label: id, points: 1, when });
const errorsOf = (doc: unknown): string[] => {
  const r = parseModel(doc);
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('model limits', () => {
  it('accept the starter model and the worst model the benchmark builds at every limit', () => {
    expect(errorsOf(starter)).toEqual([]);
    expect(errorsOf(worstModel().model)).toEqual([]);
  });

  it('refuse a condition nested 20,000 levels deep by path, without overflowing the stack', () => {
    // Built as text: V8's JSON.stringify itself recurses and overflows at this depth; JSON.parse does not.
    const when = `${'{"not":'.repeat(20_000)}{"property":"x","op":"known"}${'}'.repeat(20_000)}`;
    const text = JSON.stringify(withRules([prop('deep', 'WHEN')])).replace('"WHEN"', when);
    const errors = errorsOf(JSON.parse(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^fit\.groups\[0\]\.rules\[0\]\.when(\.not|\.all\[0\]|\.any\[0\])+: nested more than 64 levels deep/);
  });

  it('refuse conditions nested beyond the depth limit at the first leaf too deep', () => {
    const ok = withRules([prop('r', nested(L.conditionDepth, { property: 'x', op: 'known' }))]);
    expect(errorsOf(ok)).toEqual([]);
    const deep = withRules([prop('r', { not: nested(L.conditionDepth, { property: 'x', op: 'known' }) })]);
    expect(errorsOf(deep)).toEqual([
      expect.stringMatching(new RegExp(`^fit\\.groups\\[0\\]\\.rules\\[0\\]\\.when[.\\w\\[\\]]+: conditions nested more than ${L.conditionDepth} levels deep`)),
    ]);
  });

  it('refuse a document larger than the byte limit at the root', () => {
    const doc = { ...base, description: 'x'.repeat(1_000), fit: { groups: [{ id: 'g', label: 'G', rules: [], pad: 'y'.repeat(L.documentBytes) }] } };
    expect(errorsOf(doc)).toEqual([expect.stringMatching(/^: the model is [\d,]+ bytes of JSON; the limit is 262,144$/)]);
  });

  it('refuse the rule after the rule limit by its path', () => {
    const rules = Array.from({ length: L.rules + 1 }, (_, i) => prop(`r${i}`, { property: 'x', op: 'known' }));
    expect(errorsOf(withRules(rules))).toEqual([`fit.groups[0].rules[${L.rules}]: more than ${L.rules} rules in the model (the limit)`]);
  });

  it('refuse the condition after the condition limit by its path', () => {
    const leaves = Array.from({ length: L.conditions }, () => ({ property: 'x', op: 'known' }));
    expect(errorsOf(withRules([prop('r', { all: leaves })]))).toEqual([
      `fit.groups[0].rules[0].when.all[${L.conditions - 1}]: more than 500 conditions in the model (the limit)`,
    ]);
  });

  it('refuse a model reading more distinct properties than the limit', () => {
    const leaves = Array.from({ length: L.properties + 1 }, (_, i) => ({ property: `p${i}`, op: 'known' }));
    expect(errorsOf(withRules([prop('r', { any: leaves })]))).toEqual([
      `fit.groups[0].rules[0].when.any[${L.properties}].property: the model reads more than ${L.properties} different properties (the limit)`,
    ]);
  });

  it('refuse a pattern whose compiled program exceeds the limit, naming its size', () => {
    const errors = errorsOf(withRules([prop('r', { property: 'x', op: 'matches', value: '.{1000}'.repeat(10) })]));
    expect(errors).toEqual([expect.stringMatching(/^fit\.groups\[0\]\.rules\[0\]\.when\.value: compiles to 10002 RE2 instructions; the limit is 100/)]);
    expect(errorsOf(withRules([prop('r', { property: 'x', op: 'matches', value: HOSTILE_PATTERN })]))).toEqual([]);
  });

  it('refuse a pattern longer than the character limit', () => {
    expect(errorsOf(withRules([prop('r', { property: 'x', op: 'matches', value: 'a'.repeat(L.patternChars + 1) })]))).toEqual([
      `fit.groups[0].rules[0].when.value: must be at most ${L.patternChars} characters (the limit for a pattern)`,
    ]);
  });

  it('refuse patterns whose total cost exceeds the model budget at the first one over it', () => {
    const rules = [0, 1, 2].map((i) => prop(`r${i}`, { property: `p${i}`, op: 'matches', value: HOSTILE_PATTERN }));
    expect(errorsOf(withRules(rules))).toEqual([expect.stringMatching(/^fit\.groups\[0\]\.rules\[2\]\.when\.value: the model's patterns together cost more than 300/)]);
  });

  it('accept a small pattern in an event filter, count it five times, and refuse too many event-filter conditions', () => {
    const event = (id: string, where: unknown) => ({ id, label: id, points: 1, event: { type: 'page_view', where } });
    expect(errorsOf(withRules([event('e', { property: 'url', op: 'matches', value: '/(pricing|plans)' })]))).toEqual([]);
    // The same pattern passes once as a property condition but is over the budget in an event filter.
    expect(errorsOf(withRules([prop('p', { property: 'x', op: 'matches', value: HOSTILE_PATTERN })]))).toEqual([]);
    expect(errorsOf(withRules([event('e', { property: 'url', op: 'matches', value: HOSTILE_PATTERN })]))).toEqual([
      expect.stringMatching(/^fit\.groups\[0\]\.rules\[0\]\.event\.where\.value: the model's patterns together cost more than 300/),
    ]);
    const leaves = Array.from({ length: L.whereConditions }, () => ({ property: 'url', op: 'contains', value: 'x' }));
    expect(errorsOf(withRules([event('e', { all: leaves })]))).toEqual([
      `fit.groups[0].rules[0].event.where.all[${L.whereConditions - 1}]: more than ${L.whereConditions} conditions in event filters (the limit: each is tested against every event)`,
    ]);
  });

  it('refuse long lists, long texts and too many bands by path', () => {
    const doc = withRules([
      prop('a', { property: 'x', op: 'in', value: Array.from({ length: L.listItems + 1 }, (_, i) => `v${i}`) }),
      prop('b', { property: 'x', op: 'contains', value: 'z'.repeat(L.textChars + 1) }),
    ]);
    expect(errorsOf({ ...doc, stages: Array.from({ length: L.bands + 1 }, (_, i) => ({ label: `S${i}`, min: 100 - i })) })).toEqual([
      `fit.groups[0].rules[0].when.value: more than 1,000 items (the limit)`,
      `fit.groups[0].rules[1].when.value: must be at most ${L.textChars} characters (a condition reads at most ${L.valueChars} of a value)`,
      `stages: more than ${L.bands} stages (the limit)`,
    ]);
  });
});
