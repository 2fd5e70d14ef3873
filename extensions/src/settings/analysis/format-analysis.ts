import type { AucEstimate, Proportion } from '../../../../src/contract/index.js';

/** Display helpers of the analysis panels. Pure. */

/** 0.8913 → "89.1%". */
export function percent(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** "0.889 (0.875–0.903)": an AUC with its 95% interval. */
export function formatAuc(a: AucEstimate): string {
  return `${a.auc.toFixed(3)} (${a.low.toFixed(3)}–${a.high.toFixed(3)})`;
}

/** "78.9% (76.2–81.3%)": a rate with its 95% interval; "–" when nothing was counted. */
export function formatProportion(p: Proportion | null): string {
  if (!p || p.n === 0) return '–';
  return `${percent(p.rate)} (${(p.low * 100).toFixed(1)}–${percent(p.high)})`;
}

/** A date (no time) in the portal's zone: "Jan 9, 2026". */
export function formatDay(ms: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: timeZone ?? 'UTC' }).format(new Date(ms));
  } catch {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date(ms));
  }
}
