import type { LiftGroup } from './accuracy-report-schema.js';

/**
 * Lift by decile: rank rows by score (highest first), cut the ranking into `groups` groups of equal size
 * (positions ⌊i·n/g⌋ … ⌊(i+1)·n/g⌋−1), and report each group's conversion rate divided by the overall rate.
 * Tied scores have no order, so a run of ties is never split arbitrarily: each position in the run carries the
 * run's average conversion (its converters ÷ its length). The result is then independent of input order, and
 * equals the expected lift under random tie-breaking.
 */
export function liftByDecile(scores: readonly number[], labels: readonly boolean[], groups = 10): LiftGroup[] {
  const n = scores.length;
  const totalPositives = labels.filter(Boolean).length;
  const base = n > 0 ? totalPositives / n : 0;
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  // Per position: the expected conversion of its tie run.
  const expected = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    let pos = 0;
    while (j < n && scores[order[j]!] === scores[order[i]!]) pos += labels[order[j++]!] ? 1 : 0;
    expected.fill(pos / (j - i), i, j);
    i = j;
  }
  const out: LiftGroup[] = [];
  let cumulativeRows = 0;
  let cumulativePositives = 0;
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * n) / groups);
    const end = Math.floor(((g + 1) * n) / groups);
    if (end <= start) continue;
    let positives = 0;
    for (let p = start; p < end; p++) positives += expected[p]!;
    const rows = end - start;
    cumulativeRows += rows;
    cumulativePositives += positives;
    const rate = positives / rows;
    out.push({
      group: g + 1,
      rows,
      positives,
      rate,
      lift: base > 0 ? rate / base : 0,
      maxScore: scores[order[start]!]!,
      minScore: scores[order[end - 1]!]!,
      cumulativeCapture: totalPositives > 0 ? cumulativePositives / totalPositives : 0,
      cumulativeLift: base > 0 ? cumulativePositives / cumulativeRows / base : 0,
    });
  }
  return out;
}
