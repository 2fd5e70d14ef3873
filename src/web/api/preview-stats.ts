import type { PreviewResponse } from '../../contract/index.js';
import type { ScoreResult } from '../../scoring/index.js';

const OUT = 'out of scope';
const stageOf = (r: ScoreResult | null) => (r === null ? 'not scored' : r.inScope ? r.stage : OUT);

/**
 * The preview's figures from each contact's result under the draft and the published version (null: nothing
 * published): totals in buckets of 10 (the last one closed: 90–100, or wider when a model's total exceeds 100),
 * out-of-scope counts, and how many contacts change stage, by transition. Pure.
 */
export function previewStats(pairs: { draft: ScoreResult; published: ScoreResult | null }[]): Omit<PreviewResponse, 'modelId' | 'sampled'> {
  const totals = pairs.flatMap((p) => [p.draft, p.published]).flatMap((r) => (r?.inScope ? [r.total] : []));
  const top = Math.max(100, ...totals);
  const buckets = Math.ceil(top / 10);
  const histogram = Array.from({ length: buckets }, (_, i) => ({ from: i * 10, to: i === buckets - 1 ? top : i * 10 + 9, draft: 0, published: 0 }));
  const bucketOf = (total: number) => histogram[Math.min(buckets - 1, Math.floor(Math.max(0, total) / 10))]!;
  const outOfScope = { draft: 0, published: 0 };
  const transitions = new Map<string, { from: string; to: string; count: number }>();
  for (const p of pairs) {
    if (p.draft.inScope) bucketOf(p.draft.total).draft++;
    else outOfScope.draft++;
    if (p.published?.inScope) bucketOf(p.published.total).published++;
    else if (p.published) outOfScope.published++;
    const from = stageOf(p.published);
    const to = stageOf(p.draft);
    if (p.published && from !== to) {
      const key = `${from}\u0000${to}`;
      const t = transitions.get(key) ?? { from, to, count: 0 };
      t.count++;
      transitions.set(key, t);
    }
  }
  const list = [...transitions.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { contacts: pairs.length, histogram, outOfScope, stageChanges: { count: list.reduce((n, t) => n + t.count, 0), transitions: list } };
}
