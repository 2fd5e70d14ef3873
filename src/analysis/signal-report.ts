import type { Dimension } from './analysis-options.js';
import type { ColumnProfile } from './column-profile.js';
import { columnUnits } from './column-units.js';
import type { Feature } from './candidate-features.js';
import { specColumn, specLabel, type FeatureSpec } from './feature-spec.js';
import { signalStats, type SignalStats } from './signal-stats.js';

/** One candidate signal as shown to a user: what it is, how often it holds, how its rows converted. */
export type Signal = { column: string; dimension: Dimension; label: string; spec: FeatureSpec } & SignalStats;

/**
 * The signal report: every part of every column (levels, "other", "unknown", numeric ranges) and, for event
 * data, "an event of this type in the last N days", each with support, conversion rate, lift and intervals.
 * Parts with no rows are left out. Order: columns as given, parts within a column as the column lists them.
 */
export function signalReport(
  profiles: readonly ColumnProfile[],
  eventSignals: readonly Feature[],
  labels: readonly boolean[],
  numericBins: number,
  dimensionOf: (column: string) => Dimension,
): Signal[] {
  const n = labels.length;
  const base = n > 0 ? labels.filter(Boolean).length / n : 0;
  const out: Signal[] = [];
  for (const p of profiles) {
    for (const u of columnUnits(p, labels, numericBins).units) {
      if (u.rows === 0) continue;
      out.push(signal(u.spec, u.positives, u.rows));
    }
  }
  for (const f of eventSignals) {
    if (f.spec.type !== 'events' || f.spec.cap !== 1) continue;
    let rows = 0;
    let positives = 0;
    f.x.forEach((v, i) => {
      if (v <= 0) return;
      rows++;
      if (labels[i]) positives++;
    });
    if (rows > 0) out.push(signal(f.spec, positives, rows));
  }
  return out;

  function signal(spec: FeatureSpec, positives: number, rows: number): Signal {
    const column = specColumn(spec);
    return { column, dimension: dimensionOf(column), label: specLabel(spec), spec, ...signalStats(positives, rows, n, base) };
  }
}
