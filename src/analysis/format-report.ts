import type { AccuracyReport, CrossValidation } from './accuracy-report-schema.js';
import { percent, percentRange, textTable } from './text-table.js';

/** The accuracy report as the CLI prints it: AUC, lift by decile, calibration, stage precision and recall. */
export function formatAccuracyReport(r: AccuracyReport): string {
  const scope = r.outOfScope > 0 ? ` (${r.outOfScope} more out of the model's scope, not scored)` : '';
  const lines = [
    `Contacts: ${r.rows - r.outOfScope}${scope}; converted: ${r.positives} (base rate ${percent(r.baseRate)})`,
    `ROC AUC ${r.auc.auc.toFixed(3)} (95% CI ${r.auc.low.toFixed(3)}–${r.auc.high.toFixed(3)}); ` +
      `fit alone ${r.fitAuc.auc.toFixed(3)}, engagement alone ${r.engagementAuc.auc.toFixed(3)}`,
    '',
    'Lift by decile (ranked by total score, best first)',
    textTable(
      ['decile', 'scores', 'contacts', 'converted', 'lift', 'cum. captured'],
      r.liftByDecile.map((g) => [
        String(g.group),
        `${g.minScore}–${g.maxScore}`,
        String(g.rows),
        percent(g.rate),
        g.lift.toFixed(2),
        percent(g.cumulativeCapture),
      ]),
    ),
    '',
    'Calibration (conversion by total score band)',
    textTable(
      ['band', 'contacts', 'converted', '95% CI'],
      r.calibration.map((b) => [b.label, String(b.n), b.n ? percent(b.rate) : '-', b.n ? percentRange(b.low, b.high) : '-']),
    ),
    '',
  ];
  if (r.stages.length === 0) lines.push('Stages: the model has none.');
  else {
    lines.push(
      'Stages (contacts at the stage or above)',
      textTable(
        ['stage', 'min', 'flagged', 'precision', '95% CI', 'recall', '95% CI '],
        r.stages.map((s) => [
          s.label,
          String(s.min),
          String(s.flagged),
          s.flagged ? percent(s.precision.rate) : '-',
          s.flagged ? percentRange(s.precision.low, s.precision.high) : '-',
          percent(s.recall.rate),
          percentRange(s.recall.low, s.recall.high),
        ]),
      ),
    );
  }
  return lines.join('\n');
}

/** "0.887 ± 0.006 (5 folds, seed 1: 0.881, …)". */
export function formatCrossValidation(cv: CrossValidation): string {
  return `${cv.mean.toFixed(3)} ± ${cv.sd.toFixed(3)} (${cv.folds} folds, seed ${cv.seed}: ${cv.aucs.map((a) => a.toFixed(3)).join(', ')})`;
}
