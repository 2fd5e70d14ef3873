import { aggregate } from './aggregate.js';
import type { CompiledModel } from './compile-model.js';
import type { ContactInput } from './contact-schema.js';
import { explain } from './explain.js';
import { gradeOf, stageOf } from './grades.js';
import { nextChangeAt } from './next-change.js';
import type { ScoreResult } from './result-schema.js';
import { roundScore } from './rounding.js';
import { computeRuleValues } from './rule-values.js';

/**
 * Scores one contact (SCORING-MODEL.md "Evaluation"): a pure function of (model, properties, events, now); same
 * inputs, same output. `now` is epoch ms, passed in (the engine never reads the clock).
 *
 * Everything is computed unrounded; `fit`, `engagement` and `total` are rounded half away from zero at the end,
 * grade and stage are read from the rounded figures. A contact outside the model's `scope` gets `{ inScope: false }`.
 */
export function evaluate(c: CompiledModel, contact: ContactInput, now: number): ScoreResult {
  c.properties.reset(contact.properties, now);
  if (c.scope !== null && !c.scope(c.properties)) return { inScope: false };
  computeRuleValues(c, contact, now);
  const scores = c.scratch.scores;
  aggregate(c, c.scratch.value, scores);
  const unrounded = { fit: scores[0] as number, engagement: scores[1] as number, total: scores[2] as number };
  const fit = roundScore(unrounded.fit);
  const engagement = roundScore(unrounded.engagement);
  const total = roundScore(unrounded.total);
  const { breakdown, adjustments } = explain(c);
  const result: ScoreResult = {
    inScope: true,
    fit,
    engagement,
    total,
    grade: gradeOf(c.model, fit, engagement),
    stage: stageOf(c.model, total),
    breakdown,
    adjustments,
    unrounded,
    // Last: it re-evaluates at later instants, reusing the scratch the lines above read.
    nextChangeAt: nextChangeAt(c, contact, now, { fit, engagement, total }),
    evaluatedAt: now,
  };
  // The recorded event pairs belong to this evaluation only: the contact object may change before the next one.
  c.scratch.pairsOf = null;
  return result;
}
