import { NO_USEFUL_MODEL, type AccuracyReport, type AucEstimate, type Proportion } from '../../../../src/contract/index.js';

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

/**
 * How a failed learning run is worded: a run that found no model worth suggesting (it would not beat guessing or
 * its best single rule on the contacts it did not learn from) is a finding about the data, said plainly; anything
 * else is a run that did not finish.
 */
export function failedRunMessage(error: string | null): { title: string; body: string; variant: 'warning' | 'danger' } {
  if (error?.startsWith(NO_USEFUL_MODEL)) {
    return {
      title: 'No model suggested: these contacts do not predict conversion well enough',
      body: `${error.slice(NO_USEFUL_MODEL.length)} Nothing was put forward; keep the current model, or add properties that describe your leads and learn again.`,
      variant: 'warning',
    };
  }
  return { title: 'The analysis did not finish', body: error ?? 'Unknown error', variant: 'danger' };
}

/**
 * The calibration chart's points: one series per model (the `model` field, which the LineChart groups by colour
 * into one line each), ordered by score band first, so the category axis lists the bands in order even when a
 * band is empty for the first model and not for another (empty bands are left out: no rate to draw).
 */
export function calibrationPoints(series: readonly { name: string; report: AccuracyReport }[]): { band: string; model: string; rate: number }[] {
  const bands = series[0]?.report.calibration.length ?? 0;
  const out: { band: string; model: string; rate: number }[] = [];
  for (let b = 0; b < bands; b++) {
    for (const s of series) {
      const band = s.report.calibration[b];
      if (band && band.n > 0) out.push({ band: band.label, model: s.name, rate: Math.round(band.rate * 10000) / 100 });
    }
  }
  return out;
}
