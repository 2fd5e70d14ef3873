import type { AucEstimate } from './accuracy-report-schema.js';

/**
 * ROC AUC as the Mann–Whitney statistic: the probability that a random converter scores above a random
 * non-converter, ties counting one half (mid-ranks). The interval is Hanley & McNeil (1982): deterministic, no
 * resampling, and adequate at the sample sizes a portal has. With no positives or no negatives the AUC is
 * undefined: it is reported as 0.5 with the interval [0, 1].
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): AucEstimate {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    const midRank = (i + 1 + j) / 2; // ranks i+1..j share their mean
    for (let k = i; k < j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return { auc: 0.5, se: 0, low: 0, high: 1, positives, negatives };
  const auc = (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  const q1 = auc / (2 - auc);
  const q2 = (2 * auc * auc) / (1 + auc);
  const variance =
    (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives);
  const se = Math.sqrt(Math.max(0, variance));
  return { auc, se, low: Math.max(0, auc - 1.96 * se), high: Math.min(1, auc + 1.96 * se), positives, negatives };
}
