import type { CrossValidation } from './accuracy-report-schema.js';

/**
 * Whether a learnt model is worth suggesting, and why not: `ok` false carries one plain sentence for the user.
 * `checked` says whether held-out figures were there to judge by (without cross-validation or a held-out share,
 * nothing was measured and the model is only as good as its rules look).
 */
export type Verdict = { ok: boolean; reason: string | null; checked: boolean };

/** Below this cross-validated ROC AUC a model ranks contacts little better than guessing (0.5). */
export const MIN_USEFUL_AUC = 0.55;
/** A model may trail its best single rule by this much (fold noise) before it counts as worse than it. */
const SINGLE_RULE_TOLERANCE = 0.005;

/**
 * Judges a learnt model against its baselines on rows it did not learn from: the base rate (every contact alike,
 * ROC AUC 0.5) and its best single rule alone. Refused when it learnt no rule; when its cross-validated AUC is
 * below 0.5, below MIN_USEFUL_AUC, or not distinguishable from 0.5 (the mean less two standard errors over the
 * folds); when it ranks worse than its best single rule; or when its held-out AUC is below 0.5. Without
 * cross-validation (the settings page's run), the held-out AUC is held to the same bar and compared with the best
 * single rule's held-out AUC.
 */
export function modelVerdict(input: {
  rules: number;
  crossValidation: CrossValidation | null;
  heldOutAuc: number | null;
  /** The best single rule's held-out AUC, where there is no cross-validation to compare with. */
  heldOutSingleAuc?: number | null;
}): Verdict {
  const { rules, crossValidation: cv, heldOutAuc } = input;
  const checked = cv !== null || heldOutAuc !== null;
  if (rules === 0) return refuse('No rule was learnt: no column predicts the outcome strongly enough on these rows.', checked);
  if (cv) {
    const mean = cv.mean.toFixed(3);
    if (cv.mean < 0.5) return refuse(`Cross-validated ROC AUC is ${mean}, worse than guessing (0.5): the learnt rules do not generalise.`, checked);
    const se = cv.folds > 1 ? cv.sd / Math.sqrt(cv.folds) : 0;
    if (cv.mean < MIN_USEFUL_AUC || cv.mean - 2 * se <= 0.5) {
      return refuse(`Cross-validated ROC AUC is ${mean} (± ${cv.sd.toFixed(3)}), too close to guessing (0.5) to trust.`, checked);
    }
    const single = cv.bestSingleRule?.mean;
    if (single !== undefined && cv.mean < single - SINGLE_RULE_TOLERANCE) {
      return refuse(`The model ranks worse (cross-validated ROC AUC ${mean}) than its best single rule alone (${single.toFixed(3)}).`, checked);
    }
  }
  if (heldOutAuc !== null && heldOutAuc < 0.5) {
    return refuse(`Held-out ROC AUC is ${heldOutAuc.toFixed(3)}, worse than guessing (0.5).`, checked);
  }
  if (!cv && heldOutAuc !== null) {
    if (heldOutAuc < MIN_USEFUL_AUC) return refuse(`Held-out ROC AUC is ${heldOutAuc.toFixed(3)}, too close to guessing (0.5) to trust.`, checked);
    const single = input.heldOutSingleAuc;
    if (single != null && heldOutAuc < single - SINGLE_RULE_TOLERANCE) {
      return refuse(`The model ranks worse (held-out ROC AUC ${heldOutAuc.toFixed(3)}) than its best single rule alone (${single.toFixed(3)}).`, checked);
    }
  }
  return { ok: true, reason: null, checked };
}

function refuse(reason: string, checked: boolean): Verdict {
  return { ok: false, reason, checked };
}
