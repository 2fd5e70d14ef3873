import { compileModel, evaluate } from '../scoring/index.js';
import type { LabelledContact } from './labelled-contact.js';
import type { Model } from './model-types.js';

/** The engine's scores of labelled rows (in-scope rows only, in input order) and how many were out of scope. */
export type ScoredRows = { total: number[]; fit: number[]; engagement: number[]; labels: boolean[]; outOfScope: number };

/**
 * Scores every row with the real engine, exactly as the product would: the reported (rounded) totals, as of the
 * row's `observedAt`, else `now`. Analysis never re-implements scoring, so what it measures is what users get.
 */
export function scoreRows(model: Model, rows: readonly LabelledContact[], now: number): ScoredRows {
  const compiled = compileModel(model);
  const out: ScoredRows = { total: [], fit: [], engagement: [], labels: [], outOfScope: 0 };
  for (const row of rows) {
    const result = evaluate(compiled, { properties: row.properties, events: row.events }, row.observedAt ?? now);
    if (!result.inScope) {
      out.outOfScope++;
      continue;
    }
    out.total.push(result.total);
    out.fit.push(result.fit);
    out.engagement.push(result.engagement);
    out.labels.push(row.converted);
  }
  return out;
}
