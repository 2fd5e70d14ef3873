import type { CrossValidation } from './accuracy-report-schema.js';
import type { AnalysisOptionsInput } from './analysis-options.js';
import { evaluateModel } from './evaluate-model.js';
import type { LabelledContact } from './labelled-contact.js';
import { learnModel } from './learn-model.js';
import { foldsOf } from './split-rows.js';

/**
 * k-fold cross-validation (stratified, seeded by `options.seed`): learn on k−1 folds, measure ROC AUC on the one
 * left out, k times. The leakage decision is made once on all rows and passed to every fold as exclusions, so the
 * folds differ only in the rows they learn from. Reports each fold's AUC, their mean and standard deviation.
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
  };
  const aucs: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = rows.filter((_, i) => fold[i] !== f);
    const test = rows.filter((_, i) => fold[i] === f);
    const { model } = learnModel(train, foldOptions);
    aucs.push(evaluateModel(model, test, options.now).auc.auc);
  }
  const mean = aucs.reduce((a, b) => a + b, 0) / k;
  const sd = k > 1 ? Math.sqrt(aucs.reduce((a, b) => a + (b - mean) ** 2, 0) / (k - 1)) : 0;
  return { folds: k, seed, aucs, mean, sd };
}
