import type { AccuracyReport, StageAccuracy } from './accuracy-report-schema.js';
import { calibrationBands } from './calibration.js';
import type { LabelledContact } from './labelled-contact.js';
import { liftByDecile } from './lift-by-decile.js';
import type { Model } from './model-types.js';
import { rocAuc } from './roc-auc.js';
import { scoreRows } from './score-rows.js';
import { wilsonInterval } from './wilson-interval.js';

/**
 * How well a model ranks and flags labelled contacts, scored by the engine as of each row's `observedAt`, else
 * `now`: ROC AUC with its interval (overall and per dimension), lift by decile, calibration per 10-point band of
 * the total, and precision and recall at each stage threshold (at that stage or above), with Wilson intervals.
 * Any valid model works, learnt or hand-written.
 */
export function evaluateModel(model: Model, rows: readonly LabelledContact[], now: number): AccuracyReport {
  const s = scoreRows(model, rows, now);
  const positives = s.labels.filter(Boolean).length;
  return {
    rows: rows.length,
    outOfScope: s.outOfScope,
    positives,
    baseRate: s.labels.length > 0 ? positives / s.labels.length : 0,
    auc: rocAuc(s.total, s.labels),
    fitAuc: rocAuc(s.fit, s.labels),
    engagementAuc: rocAuc(s.engagement, s.labels),
    liftByDecile: liftByDecile(s.total, s.labels),
    calibration: calibrationBands(s.total, s.labels),
    stages: stageAccuracy(model.stages, s.total, s.labels),
  };
}

/**
 * Stage i flags the contacts whose total reaches its min or that of any stage listed before it: the engine
 * gives a contact the first stage (in order) whose min it reaches, so "at this stage or above" is exactly that.
 */
export function stageAccuracy(
  stages: readonly { label: string; min: number }[],
  totals: readonly number[],
  labels: readonly boolean[],
): StageAccuracy[] {
  const positives = labels.filter(Boolean).length;
  return stages.map((stage, i) => {
    const threshold = Math.min(...stages.slice(0, i + 1).map((st) => st.min));
    let flagged = 0;
    let hits = 0;
    totals.forEach((t, r) => {
      if (t < threshold) return;
      flagged++;
      if (labels[r]) hits++;
    });
    return { label: stage.label, min: stage.min, flagged, precision: wilsonInterval(hits, flagged), recall: wilsonInterval(hits, positives) };
  });
}
