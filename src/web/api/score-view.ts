import type { CardData, EventRuleTerms, HistoryPoint, ModelRef, ScoreFigures, ScoreView } from '../../contract/index.js';
import { describeCondition, modelProperties, type InScopeResult, type Model, type ScoreResult } from '../../scoring/index.js';
import type { ScoreSummary } from '../../store/contact-record.js';
import type { HistoryEntry, StoredScore } from '../../store/scores.js';

/**
 * Turns the engine's results and the stored scores into the contract's views. Pure: the routes read, these
 * shape. The breakdown passes through as the engine explained it (minus the exact `unrounded` values).
 */

/** The next stage up from `total` (smallest `min` above it) and the floor the progress bar starts from. */
export function stageProgress(model: Model, total: number, stage: string): Pick<ScoreFigures, 'stageFloor' | 'nextStage'> {
  const current = model.stages.find((s) => s.label === stage);
  const above = model.stages.filter((s) => s.min > total).sort((a, b) => a.min - b.min)[0];
  return {
    stageFloor: current ? current.min : 0,
    nextStage: above ? { label: above.label, min: above.min, pointsToGo: above.min - total } : null,
  };
}

/** The first band (in order) whose `min` ≤ score, as the engine grades (SCORING-MODEL.md step 7). */
function band(bands: { grade: string; min: number }[], score: number): string {
  return bands.find((b) => b.min <= score)?.grade ?? '';
}

/** The figures without the explanation (breakdown, adjustments, event rules' terms). */
function headline(model: Model, s: ScoreSummary): Omit<ScoreFigures, 'breakdown' | 'adjustments' | 'eventRules'> {
  return {
    total: s.total,
    fit: { score: s.fit, max: model.fit.max, grade: band(model.grades.fit, s.fit) },
    engagement: { score: s.engagement, max: model.engagement.max, grade: band(model.grades.engagement, s.engagement) },
    grade: s.grade,
    stage: s.stage,
    ...stageProgress(model, s.total, s.stage),
    weights: { fit: model.total.fitWeight, engagement: model.total.engagementWeight },
  };
}

export function scoreFigures(model: Model, r: InScopeResult): ScoreFigures {
  return {
    ...headline(model, r),
    breakdown: r.breakdown.map(({ unrounded: _u, ...item }) => item),
    adjustments: r.adjustments.map(({ unrounded: _u, ...a }) => a),
    eventRules: eventRuleTerms(model, new Set(r.breakdown.map((i) => i.ruleId))),
  };
}

/** Decay and window of the event rules among `ruleIds` (those the breakdown shows). */
function eventRuleTerms(model: Model, ruleIds: Set<string>): Record<string, EventRuleTerms> {
  const out: Record<string, EventRuleTerms> = {};
  for (const group of [...model.fit.groups, ...model.engagement.groups]) {
    for (const rule of group.rules) {
      if (!('event' in rule) || !ruleIds.has(rule.id)) continue;
      const decay = rule.decay ?? { kind: 'none' as const };
      out[rule.id] = { decay: { kind: decay.kind, days: 'days' in decay ? decay.days : null }, withinDays: rule.withinDays ?? null };
    }
  }
  return out;
}

/** The model's scope in words, for the card's out-of-scope state. */
export function scopeText(model: Model): { scope?: string } {
  return model.scope ? { scope: describeCondition(model.scope) } : {};
}

export function scoreView(model: Model, r: ScoreResult): ScoreView {
  return r.inScope ? { state: 'scored', ...scoreFigures(model, r) } : { state: 'out-of-scope' };
}

/** The properties the fit rules read (not the scope's, not engagement's): the card counts the unknown ones. */
export function fitProperties(model: Model): string[] {
  return modelProperties({ ...model, engagement: { ...model.engagement, groups: [] }, scope: undefined });
}

/** Oldest first, this model only, in-scope points only: what the trend chart draws. */
export function historyPoints(history: HistoryEntry[], modelId: string): HistoryPoint[] {
  return history
    .filter((h) => h.modelId === modelId && h.total !== null)
    .sort((a, b) => a.at - b.at)
    .map((h) => ({ at: new Date(h.at).toISOString(), total: h.total!, fit: h.fit ?? 0, engagement: h.engagement ?? 0, stage: h.stage ?? 'none' }));
}

/**
 * Figures from a stored score alone, without the breakdown (the card's fallback when HubSpot cannot be read to
 * recompute it): the rounded numbers, grade and stage are what was last written.
 */
export function storedFigures(model: Model, s: ScoreSummary): ScoreFigures {
  return { ...headline(model, s), breakdown: [], adjustments: [], eventRules: {}, breakdownUnavailable: true };
}

/**
 * The card for a contact with a stored score under `model`: `result` is the engine's result recomputed for the
 * card (card-handlers.ts), or null when it could not be (then the stored figures, without a breakdown).
 */
export function cardData(input: {
  contactId: string; model: Model; ref: ModelRef; scoredAt: number; result: ScoreResult | null; stored: StoredScore; history: HistoryEntry[];
}): CardData {
  const { contactId, model, ref, result, stored } = input;
  const scoredAt = new Date(input.scoredAt).toISOString();
  const inScope = result ? result.inScope : stored.inScope && stored.summary !== null;
  if (!inScope) return { state: 'out-of-scope', contactId, model: ref, scoredAt, ...scopeText(model) };
  const figures = result?.inScope ? scoreFigures(model, result) : storedFigures(model, stored.summary!);
  return {
    state: 'scored', contactId, model: ref, scoredAt,
    ...figures,
    history: historyPoints(input.history, ref.id),
    fitProperties: fitProperties(model),
  };
}
