/**
 * How many of the ascending `xs` are ≤ `x` (binary search): also the index of x's range when the ranges are
 * [−∞, xs[0]), [xs[0], xs[1]), …
 */
export function upperBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
