import type { Analysis } from './analyze-rows.js';
import { formatLearnResult } from './format-learn.js';
import { formatAccuracyReport, formatCrossValidation } from './format-report.js';

/** What `analyze` prints: what was learnt, how it was measured against its baselines, the verdict. */
export function formatAnalysis(a: Analysis, writtenTo: string | undefined): string {
  const out: string[] = [];
  if (a.learnt) out.push(formatLearnResult(a.learnt), '');
  const cv = a.crossValidation;
  if (cv) {
    out.push(`Cross-validated ROC AUC: ${formatCrossValidation(cv)}`);
    if (cv.bestSingleRule) out.push(`  baselines on the same folds: base rate 0.500, best single rule ${cv.bestSingleRule.mean.toFixed(3)}`);
  }
  if (a.holdout) out.push('', `Held out (${a.holdout.rows} contacts not used for learning):`, formatAccuracyReport(a.holdout));
  out.push('');
  if (!a.verdict.ok) out.push(`No model: ${a.verdict.reason}`);
  else if (!a.verdict.checked) out.push('Not measured on rows it did not learn from (--folds 0 without --split): use it with care.');
  if (writtenTo) out.push(`Model written to ${writtenTo}`);
  return out.join('\n');
}
