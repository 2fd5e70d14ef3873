import type { CrossValidation } from './accuracy-report-schema.js';
import type { AnalysisOptionsInput } from './analysis-options.js';
import type { LabelledContact } from './labelled-contact.js';
import { learnWithBaseline } from './learn-model.js';
import type { Model } from './model-types.js';
import { rocAuc } from './roc-auc.js';
import { scoreRows } from './score-rows.js';
import { foldsOf } from './split-rows.js';

/**
 * k-fold cross-validation (stratified, seeded by `options.seed`): learn on k−1 folds, measure ROC AUC on the one
 * left out, k times. The leakage decision is made once on all rows and passed to every fold as exclusions, so the
 * folds differ only in the rows they learn from. Reports each fold's AUC, their mean and standard deviation, and
 * the same for the best single rule of each fold (its first chosen signal alone), the baseline a model must beat.
 */
export function crossValidate(
  rows: readonly LabelledContact[],
  options: AnalysisOptionsInput,
  leakyColumns: readonly string[],
  k = 5,
): CrossValidation {
  const seed = options.seed ?? 1;
  const fold = foldsOf(rows, k, seed);
  const foldOptions: AnalysisOptionsInput = {
    ...options,
    exclude: [...(options.exclude ?? []), ...leakyColumns],
    includeLeaky: true,
    reports: false,
  };
  const aucs: number[] = [];
  const single: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const test = rows.filter((_, i) => fold[i] === f);
    const { result, bestSingle } = learnWithBaseline(train, foldOptions);
    aucs.push(rankingAuc(result.model, test, options.now));
    // The base rate ranks every contact alike: ROC AUC 0.5. A fold that learnt nothing is that baseline.
    single.push(bestSingle ? rankingAuc(bestSingle, test, options.now) : 0.5);
  }
  const { mean, sd } = meanSd(aucs);
  return { folds: k, seed, aucs, mean, sd, bestSingleRule: { aucs: single, mean: meanSd(single).mean } };
}

function rankingAuc(model: Model, rows: readonly LabelledContact[], now: number): number {
  const s = scoreRows(model, rows, now);
  return rocAuc(s.total, s.labels).auc;
}

function meanSd(xs: readonly number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
}
