import type { StageOptions } from './analysis-options.js';
import type { Model } from './model-types.js';

type Bands = Model['grades'];
type Stage = Model['stages'][number];

/** The score at which the top `share` of rows starts (ties included, so a little more may be flagged). */
export function topShareThreshold(scores: readonly number[], share: number): number {
  if (scores.length === 0) return 0;
  const sorted = [...scores].sort((a, b) => b - a);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

/**
 * The lowest threshold t in [1, below) whose rows (score ≥ t) convert at ≥ `precision`, holding at least 1% of
 * the rows: the widest net that is still that precise. Null when none is.
 */
function lowestPreciseThreshold(scores: readonly number[], labels: readonly boolean[], precision: number, below: number): number | null {
  const rows = new Array<number>(102).fill(0);
  const positives = new Array<number>(102).fill(0);
  scores.forEach((s, i) => {
    const b = Math.min(101, Math.max(0, Math.round(s)));
    rows[b]!++;
    if (labels[i]) positives[b]!++;
  });
  // Cumulative from the top: rows and positives with score ≥ t.
  let n = 0;
  let k = 0;
  const atLeast: { n: number; k: number }[] = new Array(102);
  for (let t = 101; t >= 0; t--) {
    n += rows[t]!;
    k += positives[t]!;
    atLeast[t] = { n, k };
  }
  const minRows = Math.max(1, Math.ceil(0.01 * scores.length));
  for (let t = 1; t < below && t <= 100; t++) {
    const { n: flagged, k: hits } = atLeast[t]!;
    if (flagged >= minRows && hits / flagged >= precision) return t;
  }
  return null;
}

/**
 * Stages proposed from the training totals: SQL at the lowest total whose contacts convert at ≥ sqlPrecision
 * (else the top 10%), MQL at the lowest total below that converting at ≥ mqlPrecision (else the top 30%). A
 * stage that would flag nobody new (or everyone, at 0) is left out.
 */
export function proposeStages(totals: readonly number[], labels: readonly boolean[], options: StageOptions): Stage[] {
  const sql = lowestPreciseThreshold(totals, labels, options.sqlPrecision, 101) ?? topShareThreshold(totals, 0.1);
  if (sql <= 0) return [];
  const mql = lowestPreciseThreshold(totals, labels, options.mqlPrecision, sql) ?? topShareThreshold(totals, 0.3);
  const stages: Stage[] = [{ label: 'SQL', min: sql }];
  const flagged = (t: number) => totals.filter((s) => s >= t).length;
  if (mql > 0 && mql < sql && flagged(mql) > flagged(sql)) stages.push({ label: 'MQL', min: mql });
  return stages;
}

/**
 * Grade bands at the quartiles of the training scores (A / 1 = the top quarter), when those are distinct and
 * above 0; otherwise the format's default bands (75, 50, 25, 0).
 */
export function proposeGrades(fit: readonly number[], engagement: readonly number[]): Bands {
  return { fit: bands(fit, ['A', 'B', 'C', 'D']), engagement: bands(engagement, ['1', '2', '3', '4']) };
}

function bands(scores: readonly number[], names: readonly string[]): Bands['fit'] {
  const q = [0.25, 0.5, 0.75].map((share) => topShareThreshold(scores, share));
  const mins = q[0]! > q[1]! && q[1]! > q[2]! && q[2]! > 0 ? [...q, 0] : [75, 50, 25, 0];
  return names.map((grade, i) => ({ grade, min: mins[i]! }));
}
