import type { PortalGateway } from '../hubspot/gateway.js';
import { recordScoredBatch } from '../observability/record-scores.js';
import type { LedgerEvent } from '../signals/index.js';
import type { PipelineContext } from './context.js';
import { onlyOwnedOutputs } from './owned-outputs.js';
import { scoreContacts, type ContactData, type ScoringModel } from './score-contacts.js';

export type BatchStats = { contacts: number; scored: number; written: number; failed: number };

/**
 * Scores contacts just read from HubSpot and writes what changed: ledgers and last scores are read in one round
 * trip each, the changed outputs go to HubSpot in ONE batch update, and only then are the new outputs stored
 * (so a crash between the two leaves the contact looking changed, and the retry writes it again: the end state
 * is the same). Records HubSpot refused in a 207 keep their old stored output and are logged.
 */
export async function scoreAndWrite(
  ctx: PipelineContext,
  gw: Pick<PortalGateway, 'batchUpdateContacts'>,
  portalId: number,
  contacts: ContactData[],
  models: ScoringModel[],
  extraEvents: Map<string, LedgerEvent[]> = new Map(),
  /** `live`: scoring after new events (freshness is measured), not a backfill or rescore. */
  opts: { live?: boolean } = {},
): Promise<BatchStats> {
  if (!contacts.length) return { contacts: 0, scored: 0, written: 0, failed: 0 };
  const now = ctx.clock();
  const ids = contacts.map((c) => c.id);
  if (extraEvents.size) await ctx.ledger.append(portalId, extraEvents, now);
  const [ledgers, previous] = await Promise.all([ctx.ledger.read(portalId, ids), ctx.scores.readLast(portalId, ids)]);
  const outcome = scoreContacts({ contacts, ledgers, models, previous, now });

  const failed = new Set<string>();
  const { updates, dropped } = onlyOwnedOutputs(outcome.updates, models);
  if (dropped.length) ctx.logger.error({ portalId, dropped }, 'refused to write properties the app does not own; nothing was sent for them');
  if (updates.length) {
    const res = await gw.batchUpdateContacts(updates);
    const updated = new Set(res.updated);
    for (const u of updates) if (!updated.has(u.id)) failed.add(u.id);
    if (res.errors.length) {
      ctx.logger.warn(
        { portalId, failed: failed.size, categories: [...new Set(res.errors.map((e) => e.category))], message: res.errors[0]?.message },
        'HubSpot refused some score updates; they keep their previous stored output and are retried on their next change',
      );
    }
  }
  await ctx.ledger.append(portalId, outcome.derived, now);
  const next = new Map([...outcome.nextChangeAt].filter(([id]) => !failed.has(id)));
  // The sweep must see the earliest decay moment: the index entry first, then the schedule it points at.
  const soonest = [...next.values()].reduce<number>((min, at) => (at !== null && at < min ? at : min), Infinity);
  if (Number.isFinite(soonest)) await ctx.active.mark([portalId], soonest);
  await ctx.scores.write(portalId, outcome.writes.filter((w) => !(w.changed && failed.has(w.contactId))), next);
  const writtenIds = updates.map((u) => u.id).filter((id) => !failed.has(id));
  recordScoredBatch({ contacts: contacts.length, writtenIds, failed: failed.size, ledgers, previous, now: ctx.clock(), live: opts.live ?? false });
  return { contacts: contacts.length, scored: outcome.scored, written: writtenIds.length, failed: failed.size };
}
