import { linearSolve } from './linear-solve.js';

/**
 * A fitted logistic regression: log-odds = intercept + Σ coefs[j]·x_j. `converged` is false when Newton–Raphson
 * stopped at its iteration limit, or when a step could not improve the penalised log-likelihood; `maxAbsCoef` is
 * the largest coefficient, for the caller's sanity check.
 */
export type LogisticFit = {
  intercept: number;
  coefs: number[];
  eta: Float64Array;
  logLik: number;
  converged: boolean;
  iterations: number;
  maxAbsCoef: number;
};

/**
 * Ridge-penalised logistic regression by Newton–Raphson with step halving (deterministic). The small L2 penalty
 * `ridge` on the coefficients (not the intercept) keeps them finite when a signal converts at 100% in the data,
 * and shrinks those that rest on few rows. A full Newton step can overshoot on skewed data (a rare outcome, a
 * signal held by almost every row); each step is halved until the penalised log-likelihood does not fall, which
 * makes every iteration an improvement. Converged when the largest step is below 1e-8 or the objective moves by
 * less than 1e-10 of its size. `start` ([intercept, coefs…]) starts from a previous fit.
 */
export function fitLogistic(
  columns: readonly ArrayLike<number>[],
  y: Float64Array,
  ridge: number,
  maxIter = 50,
  start?: readonly number[],
): LogisticFit {
  const n = y.length;
  const d = columns.length + 1;
  let beta = new Float64Array(d);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  beta[0] = Math.log(Math.max(mean, 1e-6) / Math.max(1 - mean, 1e-6));
  // A warm start (the previous fit, the new coefficient at 0) saves Newton steps; the optimum is the same.
  if (start) start.slice(0, d).forEach((b, j) => (beta[j] = b));
  const eta = new Float64Array(n);
  linearPredictor(columns, beta, eta);
  let objective = penalised(eta, y, beta, ridge);
  let converged = false;
  let iter = 0;
  for (; iter < maxIter && !converged; iter++) {
    const { g, h } = gradientAndHessian(columns, y, eta, beta, ridge);
    const step = linearSolve(h, g);
    let t = 1;
    let accepted = false;
    const trial = new Float64Array(d);
    for (let halvings = 0; halvings < 30; halvings++, t /= 2) {
      for (let j = 0; j < d; j++) trial[j] = beta[j]! + t * step[j]!;
      linearPredictor(columns, trial, eta);
      const next = penalised(eta, y, trial, ridge);
      if (next >= objective - 1e-12 * Math.abs(objective)) {
        const moved = next - objective;
        beta = Float64Array.from(trial);
        objective = next;
        accepted = true;
        let largest = 0;
        for (let j = 0; j < d; j++) largest = Math.max(largest, Math.abs(t * step[j]!));
        converged = largest < 1e-8 || Math.abs(moved) <= 1e-10 * Math.max(1, Math.abs(objective));
        break;
      }
    }
    if (!accepted) {
      // No step along the Newton direction improves: at the optimum to machine precision, or numerically stuck.
      linearPredictor(columns, beta, eta);
      break;
    }
  }
  let logLik = 0;
  for (let i = 0; i < n; i++) logLik += logLikelihood(y[i]!, eta[i]!);
  const coefs = Array.from(beta.subarray(1));
  const maxAbsCoef = coefs.reduce((m, c) => Math.max(m, Math.abs(c)), 0);
  return { intercept: beta[0]!, coefs, eta, logLik, converged, iterations: iter, maxAbsCoef };
}

/** Gradient and Hessian of the penalised log-likelihood (negative Hessian, so a Newton step solves h·s = g). */
function gradientAndHessian(
  columns: readonly ArrayLike<number>[],
  y: Float64Array,
  eta: Float64Array,
  beta: Float64Array,
  ridge: number,
): { g: Float64Array; h: Float64Array[] } {
  const n = y.length;
  const d = columns.length + 1;
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = 1 / (1 + Math.exp(-eta[i]!));
    w[i] = p * (1 - p);
    r[i] = y[i]! - p;
  }
  const g = new Float64Array(d);
  const h = Array.from({ length: d }, () => new Float64Array(d));
  const col = (j: number): ArrayLike<number> | null => (j === 0 ? null : columns[j - 1]!);
  for (let j = 0; j < d; j++) {
    const a = col(j);
    let gj = 0;
    for (let i = 0; i < n; i++) gj += (a ? a[i]! : 1) * r[i]!;
    g[j] = gj - (j > 0 ? ridge * beta[j]! : 0);
    for (let k = j; k < d; k++) {
      const b = col(k);
      let s = 0;
      if (a && b) for (let i = 0; i < n; i++) s += a[i]! * b[i]! * w[i]!;
      else if (a || b) {
        const c = (a ?? b)!;
        for (let i = 0; i < n; i++) s += c[i]! * w[i]!;
      } else for (let i = 0; i < n; i++) s += w[i]!;
      h[j]![k] = s + (j === k && j > 0 ? ridge : 0);
      h[k]![j] = h[j]![k]!;
    }
  }
  return { g, h };
}

function penalised(eta: Float64Array, y: Float64Array, beta: Float64Array, ridge: number): number {
  let s = 0;
  for (let i = 0; i < eta.length; i++) s += logLikelihood(y[i]!, eta[i]!);
  for (let j = 1; j < beta.length; j++) s -= (ridge / 2) * beta[j]! * beta[j]!;
  return s;
}

/** log σ(e) or log(1 − σ(e)), written to stay finite for large |e|. */
function logLikelihood(y: number, e: number): number {
  return y > 0 ? -softplus(-e) : -softplus(e);
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function linearPredictor(columns: readonly ArrayLike<number>[], beta: Float64Array, eta: Float64Array): void {
  eta.fill(beta[0]!);
  columns.forEach((col, j) => {
    const b = beta[j + 1]!;
    for (let i = 0; i < eta.length; i++) eta[i] = eta[i]! + b * col[i]!;
  });
}
