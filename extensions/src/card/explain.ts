import type { CapAdjustment, EventRuleTerms, ScoreFigures } from '../../../src/contract/index.js';
import { formatPoints } from '../format.js';

/** Sentences that explain a score's arithmetic on the card. Pure. */

const DAY_MS = 86_400_000;
/** Half away from zero, as the engine rounds (SCORING-MODEL.md "Evaluation" 6), with its tolerance for float noise. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.floor(Math.abs(x) + 0.5 + 1e-9);
const percent = (weight: number): string => `${formatPoints(weight * 100)}%`;

/**
 * The total from its parts: `60 = 50% × fit 100 + 50% × engagement 20`. The engine weighs the unrounded fit and
 * engagement and rounds once at the end, so the shown parts can give a half ("(30.5, rounded)") or, rarely, a
 * figure one off ("≈"); the line says which. Null without the weights.
 */
export function totalArithmetic(score: Pick<ScoreFigures, 'total' | 'fit' | 'engagement' | 'weights'>): string | null {
  if (!score.weights) return null;
  const { fit, engagement } = score.weights;
  const parts = `${percent(fit)} × fit ${score.fit.score} + ${percent(engagement)} × engagement ${score.engagement.score}`;
  const sum = fit * score.fit.score + engagement * score.engagement.score;
  if (Math.abs(sum - score.total) < 1e-9) return `${score.total} = ${parts}`;
  if (roundHalfAway(sum) === score.total) return `${score.total} = ${parts} (${formatPoints(sum)}, rounded)`;
  return `${score.total} ≈ ${parts} (computed before fit and engagement are rounded)`;
}

/**
 * A cap or floor as what it is: `Floor: Fit can't go below 0 (rules sum to −55)`, `Cap: Fit can't go above 100
 * (rules sum to 110)`, `Cap: Web activity counts at most 30 (rules sum to 38.2)`, `Floor: Disqualifiers counts at
 * least −50 (rules sum to −60)`. A row without a group is the dimension's own `[0, max]`.
 */
export function capText(cap: Pick<CapAdjustment, 'groupId' | 'label' | 'before' | 'after'>): string {
  const floor = cap.after > cap.before;
  const sum = `(rules sum to ${formatPoints(cap.before)})`;
  const limit = formatPoints(cap.after);
  if (cap.groupId === null) return floor ? `Floor: ${cap.label} can't go below ${limit} ${sum}` : `Cap: ${cap.label} can't go above ${limit} ${sum}`;
  return floor ? `Floor: ${cap.label} counts at least ${limit} ${sum}` : `Cap: ${cap.label} counts at most ${limit} ${sum}`;
}

/**
 * How an event rule's points fade, and how old its newest event was when scored: `halves every 14 days · newest
 * 9 days ago`, `fades to 0 over 60 days`, `counts for 30 days`, with `only the last 90 days` for a window on
 * the rule. Empty when the rule neither decays nor has a window and no score time is given.
 */
export function decayText(terms: EventRuleTerms | undefined, newestAt: number, scoredAt?: string): string {
  const parts: string[] = [];
  const { decay, withinDays } = terms ?? { decay: { kind: 'none' as const, days: null }, withinDays: null };
  const days = decay.days === null ? '' : plural(decay.days, 'day');
  if (decay.kind === 'halfLife') parts.push(`halves every ${days}`);
  else if (decay.kind === 'linear') parts.push(`fades to 0 over ${days}`);
  else if (decay.kind === 'window') parts.push(`counts for ${days}`);
  if (withinDays !== null) parts.push(`only the last ${plural(withinDays, 'day')}`);
  if (scoredAt && parts.length) parts.push(`newest ${age(Date.parse(scoredAt) - newestAt)}`);
  return parts.join(' · ');
}

function age(ms: number): string {
  if (ms < 0) return 'still ahead (counts in full)';
  if (ms < 3_600_000) return 'under an hour ago';
  if (ms < DAY_MS) return `${plural(Math.floor(ms / 3_600_000), 'hour')} ago`;
  return `${plural(Math.floor(ms / DAY_MS), 'day')} ago`;
}

const plural = (n: number, noun: string): string => `${formatPoints(n)} ${noun}${n === 1 ? '' : 's'}`;
