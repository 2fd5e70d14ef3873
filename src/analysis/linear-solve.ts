/**
 * Solves A·x = b for a small dense symmetric positive-definite A (the Newton step of a logistic fit; at most a
 * dozen unknowns), by Gaussian elimination with partial pivoting. A and b are not modified.
 */
export function linearSolve(a: readonly Float64Array[], b: Float64Array): Float64Array {
  const d = b.length;
  const m = a.map((row, i) => {
    const r = new Float64Array(d + 1);
    r.set(row);
    r[d] = b[i]!;
    return r;
  });
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) continue; // singular direction: leave that unknown at 0
    for (let r = col + 1; r < d; r++) {
      const f = m[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c <= d; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Float64Array(d);
  for (let r = d - 1; r >= 0; r--) {
    const p = m[r]![r]!;
    if (Math.abs(p) < 1e-12) continue;
    let s = m[r]![d]!;
    for (let c = r + 1; c < d; c++) s -= m[r]![c]! * x[c]!;
    x[r] = s / p;
  }
  return x;
}

/** The inverse of a small symmetric positive-definite matrix, column by column. */
export function invert(a: readonly Float64Array[]): Float64Array[] {
  const d = a.length;
  const cols = Array.from({ length: d }, (_, j) => {
    const e = new Float64Array(d);
    e[j] = 1;
    return linearSolve(a, e);
  });
  return Array.from({ length: d }, (_, i) => Float64Array.from(cols, (col) => col[i]!));
}
