import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/scoring/index.js';
import { parseModel } from '../../src/scoring/index.js';
import { previewStats } from '../../src/web/api/preview-stats.js';
import { cardData, fitProperties, stageProgress } from '../../src/web/api/score-view.js';
import { apiModel } from './helpers/api-model.js';

const parsed = parseModel(apiModel({ stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }], scope: { property: 'lifecyclestage', op: 'neq', value: 'customer' } }));
if (!parsed.ok) throw new Error('fixture model invalid');
const model = parsed.model;

const scored = (total: number, stage: string): ScoreResult => ({
  inScope: true, fit: total, engagement: total, total, grade: 'C3', stage, breakdown: [], adjustments: [],
  unrounded: { fit: total, engagement: total, total }, nextChangeAt: null, evaluatedAt: 0,
});

describe('stageProgress', () => {
  it('runs from the current stage threshold to the nearest one above', () => {
    expect(stageProgress(model, 55, 'MQL')).toEqual({ stageFloor: 40, nextStage: { label: 'SQL', min: 70, pointsToGo: 15 } });
  });
  it('starts at 0 below every stage and ends at the top stage', () => {
    expect(stageProgress(model, 12, 'none')).toEqual({ stageFloor: 0, nextStage: { label: 'MQL', min: 40, pointsToGo: 28 } });
    expect(stageProgress(model, 91, 'SQL')).toEqual({ stageFloor: 70, nextStage: null });
  });
});

describe('fitProperties', () => {
  it('lists what the fit rules read, not the scope or engagement', () => {
    expect(fitProperties(model)).toEqual(['email']);
  });
});

describe('cardData', () => {
  it('shows an out-of-scope contact as such, with when and under which version', () => {
    const scoredAt = Date.UTC(2026, 10, 20, 14, 30);
    const stored = { modelId: 'inbound', version: 4, scoredAt, outputs: {}, inScope: false, summary: null };
    const ref = { id: 'inbound', name: 'Inbound leads', version: 4 };
    expect(cardData({ contactId: '7', model, ref, scoredAt, result: { inScope: false }, stored, history: [] })).toEqual({
      state: 'out-of-scope', contactId: '7', model: { id: 'inbound', name: 'Inbound leads', version: 4 }, scoredAt: '2026-11-20T14:30:00.000Z',
      scope: 'lifecyclestage is not "customer"',
    });
  });
});

describe('previewStats', () => {
  it('counts totals per bucket of 10, out-of-scope contacts and stage transitions', () => {
    const out: ScoreResult = { inScope: false };
    const stats = previewStats([
      { draft: scored(72, 'SQL'), published: scored(65, 'MQL') }, // MQL → SQL
      { draft: scored(45, 'MQL'), published: scored(45, 'MQL') }, // unchanged
      { draft: scored(100, 'SQL'), published: out }, // out of scope → SQL
      { draft: out, published: scored(5, 'none') }, // none → out of scope
    ]);
    expect(stats.contacts).toBe(4);
    expect(stats.outOfScope).toEqual({ draft: 1, published: 1 });
    expect(stats.histogram).toHaveLength(10);
    expect(stats.histogram.filter((b) => b.draft || b.published)).toEqual([
      { from: 0, to: 9, draft: 0, published: 1 },
      { from: 40, to: 49, draft: 1, published: 1 },
      { from: 60, to: 69, draft: 0, published: 1 },
      { from: 70, to: 79, draft: 1, published: 0 },
      { from: 90, to: 100, draft: 1, published: 0 },
    ]);
    expect(stats.stageChanges).toEqual({
      count: 3,
      transitions: [
        { from: 'MQL', to: 'SQL', count: 1 }, { from: 'none', to: 'out of scope', count: 1 }, { from: 'out of scope', to: 'SQL', count: 1 },
      ],
    });
  });

  it('counts no stage change when nothing is published yet', () => {
    expect(previewStats([{ draft: scored(50, 'MQL'), published: null }]).stageChanges).toEqual({ count: 0, transitions: [] });
  });
});
