import type { CalibrationBand } from './accuracy-report-schema.js';
import { wilsonInterval } from './wilson-interval.js';

/**
 * Calibration: the conversion rate (with its Wilson interval) of the rows whose score falls in each band of
 * `width` points: 0–9, 10–19, …, with the top band closed at `top` (90–100 for the defaults, since a total of 100
 * is possible). Empty bands are kept (n = 0, interval [0, 1]) so charts have a fixed axis.
 */
export function calibrationBands(
  scores: readonly number[],
  labels: readonly boolean[],
  width = 10,
  top = 100,
): CalibrationBand[] {
  const count = Math.max(1, Math.floor(top / width));
  const n = new Array<number>(count).fill(0);
  const k = new Array<number>(count).fill(0);
  scores.forEach((s, i) => {
    const band = Math.min(count - 1, Math.max(0, Math.floor(s / width)));
    n[band]!++;
    if (labels[i]) k[band]!++;
  });
  return n.map((rows, b) => {
    const min = b * width;
    const max = b === count - 1 ? top : min + width - 1;
    return { label: `${min}–${max}`, min, max, ...wilsonInterval(k[b]!, rows) };
  });
}
