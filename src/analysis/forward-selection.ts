import type { Feature } from './candidate-features.js';
import { invert } from './linear-solve.js';
import { fitLogistic, type LogisticFit } from './logistic-fit.js';

/** The chosen candidates (indices, in order of entry), the final fit over them, and the candidates turned away. */
export type Selection = { chosen: number[]; fit: LogisticFit; rejected: { index: number; reason: string }[] };

export type SelectionOptions = {
  maxRules: number;
  ridge: number;
  minStatistic: number;
  allowNegative: (f: Feature) => boolean;
  /** How many rules these chosen candidates become (rules on one column are rewritten as disjoint cells). */
  ruleCount?: (chosen: readonly number[]) => number;
};

/** A log-odds coefficient beyond this (a factor of e^12 ≈ 160,000 in the odds) is not a finding but a fit gone wrong. */
export const MAX_COEF = 12;

/**
 * Greedy forward selection: start from the base rate, and add, one at a time, the candidate with the largest
 * score statistic U²/I given the signals already chosen (Rao's score test, adjusted for them: about twice the
 * log-likelihood the candidate would add), refitting all coefficients after each addition. A candidate is turned
 * away when the refit does not converge or gives a coefficient beyond MAX_COEF (its points would come from
 * noise), or when it would take the model past `maxRules` rules. Stops when no candidate reaches `minStatistic`
 * (10.83 is p < 0.001 for one degree of freedom). Candidates whose `allowNegative` returns false (event counts,
 * which a rule cannot negate) may only enter with a positive effect. Deterministic: ties go to the earlier one.
 */
export function forwardSelection(features: readonly Feature[], y: Float64Array, options: SelectionOptions): Selection {
  const sparse = features.map((f) => nonZero(f.x));
  const chosen: number[] = [];
  const rejected: { index: number; reason: string }[] = [];
  const out = new Set<number>();
  let fit = fitLogistic([], y, options.ridge);
  const count = options.ruleCount ?? ((c: readonly number[]) => c.length);
  while (count(chosen) < options.maxRules) {
    let added = false;
    for (const next of rankCandidates(features, sparse, chosen, out, fit, y, options)) {
      const trial = [...chosen, next];
      if (count(trial) > options.maxRules) continue;
      const refit = fitLogistic(trial.map((c) => features[c]!.x), y, options.ridge, 50, [fit.intercept, ...fit.coefs, 0]);
      out.add(next);
      if (!refit.converged || refit.maxAbsCoef > MAX_COEF) {
        rejected.push({ index: next, reason: refit.converged ? `coefficient ${refit.maxAbsCoef.toFixed(1)}` : 'fit did not converge' });
        continue;
      }
      chosen.push(next);
      fit = refit;
      added = true;
      break;
    }
    if (!added) break;
  }
  return { chosen, fit, rejected };
}

type Sparse = { idx: Int32Array; val: Float64Array };

function nonZero(x: Float32Array): Sparse {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) idx.push(i);
  return { idx: Int32Array.from(idx), val: Float64Array.from(idx, (i) => x[i]!) };
}

/** Candidates above `minStatistic`, best first (ties: the earlier candidate). */
function rankCandidates(
  features: readonly Feature[],
  sparse: readonly Sparse[],
  chosen: readonly number[],
  out: ReadonlySet<number>,
  fit: LogisticFit,
  y: Float64Array,
  options: SelectionOptions,
): number[] {
  const n = y.length;
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = 1 / (1 + Math.exp(-fit.eta[i]!));
    w[i] = p * (1 - p);
    r[i] = y[i]! - p;
  }
  // Information of the current design [1, chosen…] and its inverse, for the adjustment.
  const design: ArrayLike<number>[] = [Float64Array.from({ length: n }, () => 1), ...chosen.map((c) => features[c]!.x)];
  const d = design.length;
  const info = design.map((a, j) => Float64Array.from(design, (b, k) => dotW(a, b, w) + (j === k && j > 0 ? options.ridge : 0)));
  const inverse = invert(info);
  const stats: { c: number; stat: number }[] = [];
  const v = new Float64Array(d);
  features.forEach((f, c) => {
    if (out.has(c)) return;
    const { idx, val } = sparse[c]!;
    let u = 0;
    let own = 0;
    v.fill(0);
    for (let t = 0; t < idx.length; t++) {
      const i = idx[t]!;
      const xw = val[t]! * w[i]!;
      u += val[t]! * r[i]!;
      own += val[t]! * xw;
      for (let j = 0; j < d; j++) v[j] = v[j]! + design[j]![i]! * xw;
    }
    if (u < 0 && !options.allowNegative(f)) return;
    let adjust = 0;
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) adjust += v[j]! * inverse[j]![k]! * v[k]!;
    const information = own + options.ridge - adjust;
    if (information <= 1e-9) return; // (almost) a combination of chosen signals: adds nothing
    const stat = (u * u) / information;
    if (stat > options.minStatistic) stats.push({ c, stat });
  });
  return stats.sort((a, b) => b.stat - a.stat || a.c - b.c).map((s) => s.c);
}

function dotW(a: ArrayLike<number>, b: ArrayLike<number>, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]! * w[i]!;
  return s;
}
