import type { LedgerEvent } from '../signals/index.js';
import type { StoredScore } from '../store/scores.js';
import { contactsScored, scoreFreshness } from './metrics.js';

/**
 * Records a scored batch: contacts written, unchanged and refused; and, for live scoring, the freshness of each
 * written contact: seconds from its newest event to now (just after the write). Only events newer than the
 * contact's previous score count, so a rescore caused by decay alone (no new event) is not measured as stale.
 */
export function recordScoredBatch(input: {
  contacts: number;
  writtenIds: string[];
  failed: number;
  ledgers: Map<string, LedgerEvent[]>;
  previous: Map<string, Map<string, StoredScore>>;
  now: number;
  live: boolean;
}): void {
  const { writtenIds, failed } = input;
  if (writtenIds.length) contactsScored.inc({ result: 'written' }, writtenIds.length);
  if (failed) contactsScored.inc({ result: 'failed' }, failed);
  const unchanged = input.contacts - writtenIds.length - failed;
  if (unchanged > 0) contactsScored.inc({ result: 'unchanged' }, unchanged);
  if (!input.live) return;
  for (const id of writtenIds) {
    const newest = Math.max(-Infinity, ...(input.ledgers.get(id) ?? []).map((e) => e.at));
    const scoredBefore = Math.max(-Infinity, ...[...(input.previous.get(id)?.values() ?? [])].map((s) => s.scoredAt));
    if (Number.isFinite(newest) && newest > scoredBefore) scoreFreshness.observe(Math.max(0, input.now - newest) / 1000);
  }
}
