import type { AnalysisOptions } from './analysis-options.js';
import { profileColumn, type ColumnProfile } from './column-profile.js';
import type { LabelledContact } from './labelled-contact.js';

/** Why a column took no part in learning. */
export type SkippedColumn = { column: string; reason: 'excluded' | 'identifier' | 'constant' | 'empty' | 'leakage' };

/**
 * Profiles every property column found on the rows (in first-seen order), apart from the ones the caller
 * excluded. Identifier and constant columns are profiled but reported as skipped: they cannot generalise.
 */
export function prepareColumns(
  rows: readonly LabelledContact[],
  options: AnalysisOptions,
): { profiles: ColumnProfile[]; skipped: SkippedColumn[] } {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const c of Object.keys(r.properties)) {
      if (!seen.has(c)) {
        seen.add(c);
        columns.push(c);
      }
    }
  }
  const excluded = new Set(options.exclude.map((c) => c.toLowerCase()));
  const tokens = new Set(options.unknownTokens.map((t) => t.trim().toLowerCase()));
  const labels = rows.map((r) => r.converted);
  const minLevelRows = minRows(rows.length, options);
  const profiles: ColumnProfile[] = [];
  const skipped: SkippedColumn[] = [];
  for (const column of columns) {
    if (excluded.has(column.toLowerCase())) {
      skipped.push({ column, reason: 'excluded' });
      continue;
    }
    const p = profileColumn(column, rows.map((r) => r.properties[column]), labels, tokens, minLevelRows);
    if (p.kind === 'identifier' || p.kind === 'constant' || p.kind === 'empty') skipped.push({ column, reason: p.kind });
    else profiles.push(p);
  }
  return { profiles, skipped };
}

/** The least support a level or a candidate needs: minSupport of the rows, and at least minSupportRows. */
export function minRows(n: number, options: Pick<AnalysisOptions, 'minSupport' | 'minSupportRows'>): number {
  return Math.max(options.minSupportRows, Math.ceil(options.minSupport * n));
}
