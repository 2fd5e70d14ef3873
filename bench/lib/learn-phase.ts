import { analyzeRows } from '../../src/analysis/analyze-rows.js';
import { bankLike } from '../../test/analysis/synthetic-tables.js';

/**
 * One timed `analyze` run: CPU seconds of this process (user + system, the figure that does not depend on what
 * else the machine runs), wall seconds, rows of the table per CPU second.
 */
export type LearnFigure = { rows: number; columns: number; folds: number; seconds: number; wallSeconds: number; rowsPerSecond: number; cvAuc: number | null; rules: number };

/**
 * `analyze` as the CLI runs it (learning on every row plus 5-fold cross-validation against the baselines) on a
 * 41,000-row, 15-column direct-marketing table shaped like the public bank-marketing data (sentinel `pdays`,
 * 11% converting), in this process, on one core. Rows per second counts the rows of the table per second of the
 * whole run's CPU time.
 */
export function benchLearning(rows = 41_000, folds = 5): LearnFigure {
  const table = bankLike(rows, 1);
  const source = { name: 'bank-like', sha256: null, rows, skippedLines: 0 };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const a = analyzeRows({ rows: table, options: { now: 0, seed: 1 }, split: null, folds, source, outcome: 'y=yes' });
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const seconds = (used.user + used.system) / 1e6;
  return {
    rows,
    columns: Object.keys(table[0]!.properties).length,
    folds,
    seconds: Number(seconds.toFixed(2)),
    wallSeconds: Number(wall.toFixed(2)),
    rowsPerSecond: Math.round(rows / seconds),
    cvAuc: a.crossValidation ? Number(a.crossValidation.mean.toFixed(3)) : null,
    rules: a.learnt?.rules.length ?? 0,
  };
}

/** "analyze, 41,000 rows × 15 columns, 5-fold cross-validation: 8.6 CPU-s (34.5 s wall), 4,778 rows/s". */
export function formatLearning(f: LearnFigure): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `Learning (analyze, ${n(f.rows)} rows × ${f.columns} columns, ${f.folds}-fold cross-validation, one process): ` +
    `${f.seconds} CPU-s (${f.wallSeconds} s wall), ${n(f.rowsPerSecond)} rows/s; cross-validated ROC AUC ${f.cvAuc ?? '-'}, ${f.rules} rules.`;
}
