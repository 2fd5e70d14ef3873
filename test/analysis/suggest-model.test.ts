import { describe, expect, it } from 'vitest';
import { suggestModel } from '../../src/analysis/suggest-model.js';
import { parseModel, type Model } from '../../src/scoring/index.js';
import { AppError } from '../../src/errors.js';
import { NOW, syntheticLeads } from './synthetic-leads.js';
import { shuffledLabels } from './synthetic-tables.js';

function model(input: object): Model {
  const parsed = parseModel(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.model;
}

/** A hand-written model that only knows the plan: the learnt one should beat it on the same held-out contacts. */
const current = model({
  id: 'inbound', name: 'Inbound leads', propertyPrefix: 'acme_score',
  fit: { groups: [{ id: 'plan', label: 'Plan', rules: [{ id: 'enterprise', label: 'Enterprise plan', points: 60, when: { property: 'Plan', op: 'eq', value: 'Enterprise' } }] }] },
  engagement: { groups: [] },
  stages: [{ label: 'SQL', min: 30 }],
  scope: { property: 'Plan', op: 'neq', value: 'Internal' },
});

describe('suggestModel', () => {
  const rows = syntheticLeads(1500, 7);
  const s = suggestModel(rows, current, { now: NOW });

  it('learns on 70% and measures the suggestion and the current model on the same other 30%', () => {
    // 1,500 rows split 70/30 within each outcome: the held-out part is 1,500 − the rounded 70% of each outcome.
    const positives = rows.filter((r) => r.converted).length;
    const trainPositives = Math.round(0.7 * positives);
    const trainOthers = Math.round(0.7 * (1500 - positives));
    expect(s.training.rows).toBe(trainPositives + trainOthers);
    expect(s.heldOut).toEqual({ rows: 1500 - trainPositives - trainOthers, positives: positives - trainPositives });
    expect(s.accuracy.suggested.rows).toBe(s.heldOut.rows);
    expect(s.accuracy.current!.rows).toBe(s.heldOut.rows);
    expect(s.accuracy.suggested.auc.auc).toBeGreaterThan(s.accuracy.current!.auc.auc + 0.1);
  });

  it('keeps the current model\'s id, name, property prefix and scope, and leaves the leak out', () => {
    expect([s.suggested.id, s.suggested.name, s.suggested.propertyPrefix, s.suggested.scope]).toEqual(['inbound', 'Inbound leads', 'acme_score', current.scope]);
    expect(s.leakage.map((w) => w.column)).toEqual(['Closing Reason']);
    expect(JSON.stringify(s.suggested)).not.toContain('Closing Reason');
  });

  it('diffs the suggestion against the current model and counts held-out outcomes per score', () => {
    // The learnt "Plan is Enterprise" tests exactly what the hand-written rule does: one rule whose points changed.
    expect(s.diff!.rules[0]).toMatchObject({
      change: 'changed', matchedBy: 'condition', ruleId: 'plan_is_enterprise', currentPoints: 60, details: ['label was "Enterprise plan"'],
    });
    const learnt = s.suggested.fit.groups.concat(s.suggested.engagement.groups).flatMap((g) => g.rules).length;
    expect(s.diff!.summary).toEqual({ added: learnt - 1, removed: 0, changed: 1, same: 0 });
    const counted = s.outcomes.suggested.reduce((n, c) => n + c.rows, 0);
    expect(counted).toBe(s.heldOut.rows - s.accuracy.suggested.outOfScope);
    expect(s.outcomes.suggested.reduce((n, c) => n + c.positives, 0)).toBe(s.accuracy.suggested.positives);
  });

  it('refuses to learn from too few conversions, saying how many it found', () => {
    const few = rows.filter((r) => !r.converted).slice(0, 50).concat(rows.filter((r) => r.converted).slice(0, 4));
    expect(() => suggestModel(few, null, { now: NOW })).toThrow('Learning needs at least 10 converted and 10 unconverted contacts; found 4 and 50.');
  });
});

describe('suggestModel on contacts whose outcome nothing predicts', () => {
  it('suggests nothing and says why, in a message the settings page words as a finding', () => {
    const rows = shuffledLabels(syntheticLeads(1500, 4), 9).map((r) => ({ ...r, properties: { ...r.properties, 'Closing Reason': '' } }));
    let caught: unknown;
    try {
      suggestModel(rows, current, { now: NOW });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('NO_USEFUL_MODEL');
    expect((caught as AppError).message).toMatch(/^No model worth suggesting: (No rule was learnt|Held-out ROC AUC is 0\.\d+, (too close to|worse than) guessing|The model ranks worse)/);
  });
});
