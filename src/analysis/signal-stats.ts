import type { Proportion } from './accuracy-report-schema.js';
import { wilsonInterval } from './wilson-interval.js';

/** How a signal's rows converted, against the base rate. */
export type SignalStats = Proportion & { share: number; lift: number; liftLow: number; liftHigh: number };

/**
 * Support, conversion rate with its Wilson interval, and lift (rate ÷ base rate). The lift interval divides the
 * rate's interval by the base rate, treating the base rate as known: it is measured on every row, so its own
 * uncertainty is much smaller than the signal's.
 */
export function signalStats(positives: number, rows: number, totalRows: number, baseRate: number): SignalStats {
  const p = wilsonInterval(positives, rows);
  const lift = (x: number): number => (baseRate > 0 ? x / baseRate : 0);
  return { ...p, share: totalRows > 0 ? rows / totalRows : 0, lift: lift(p.rate), liftLow: lift(p.low), liftHigh: lift(p.high) };
}
