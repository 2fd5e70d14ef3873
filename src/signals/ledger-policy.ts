import type { LedgerEvent } from './ledger-event.js';

/** The bounds of a contact's ledger (config: LEDGER_MAX_AGE_DAYS, LEDGER_MAX_EVENTS). */
export type LedgerBounds = { maxAgeDays: number; maxEvents: number };

const DAY_MS = 86_400_000;

/** Events older than this (epoch ms) fall out of the ledger. */
export function ledgerCutoff(now: number, maxAgeDays: number): number {
  return now - maxAgeDays * DAY_MS;
}

/**
 * Applies the ledger bounds to a list sorted oldest first: drops events older than the age limit, then keeps
 * only the newest `maxEvents`. The store applies the same rule in Redis (ZREMRANGEBYSCORE / ZREMRANGEBYRANK);
 * this is the reference and the in-memory form.
 */
export function boundLedger(events: readonly LedgerEvent[], now: number, bounds: LedgerBounds): LedgerEvent[] {
  const cutoff = ledgerCutoff(now, bounds.maxAgeDays);
  const fresh = events.filter((e) => e.at >= cutoff);
  return fresh.slice(Math.max(0, fresh.length - bounds.maxEvents));
}
