import { linearSolve } from './linear-solve.js';

/** A fitted logistic regression: log-odds = intercept + Σ coefs[j]·x_j. */
export type LogisticFit = { intercept: number; coefs: number[]; eta: Float64Array; logLik: number };

/**
 * Ridge-penalised logistic regression by Newton–Raphson (deterministic, exact to 1e-9). The small L2 penalty
 * `ridge` on the coefficients (not the intercept) keeps them finite when a signal converts at 100% in the data,
 * and shrinks those that rest on few rows.
 */
export function fitLogistic(columns: readonly ArrayLike<number>[], y: Float64Array, ridge: number, maxIter = 50): LogisticFit {
  const n = y.length;
  const d = columns.length + 1;
  const beta = new Float64Array(d);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  beta[0] = Math.log(Math.max(mean, 1e-6) / Math.max(1 - mean, 1e-6));
  const eta = new Float64Array(n);
  const at = (j: number, i: number): number => (j === 0 ? 1 : columns[j - 1]![i]!);
  for (let iter = 0; iter < maxIter; iter++) {
    linearPredictor(columns, beta, eta);
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-eta[i]!));
      const w = p * (1 - p);
      const r = y[i]! - p;
      for (let j = 0; j < d; j++) {
        const xj = at(j, i);
        if (xj === 0) continue;
        g[j] = g[j]! + xj * r;
        for (let k = j; k < d; k++) h[j]![k] = h[j]![k]! + xj * at(k, i) * w;
      }
    }
    for (let j = 0; j < d; j++) {
      for (let k = 0; k < j; k++) h[j]![k] = h[k]![j]!;
      if (j > 0) {
        g[j] = g[j]! - ridge * beta[j]!;
        h[j]![j] = h[j]![j]! + ridge;
      }
    }
    const step = linearSolve(h, g);
    let largest = 0;
    for (let j = 0; j < d; j++) {
      beta[j] = beta[j]! + step[j]!;
      largest = Math.max(largest, Math.abs(step[j]!));
    }
    if (largest < 1e-9) break;
  }
  linearPredictor(columns, beta, eta);
  let logLik = 0;
  for (let i = 0; i < n; i++) {
    const e = eta[i]!;
    // log σ(e) and log(1 − σ(e)), written to stay finite for large |e|.
    logLik += y[i]! > 0 ? -softplus(-e) : -softplus(e);
  }
  return { intercept: beta[0]!, coefs: Array.from(beta.subarray(1)), eta, logLik };
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
