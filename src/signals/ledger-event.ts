import type { ScoringEvent } from '../scoring/index.js';

/**
 * A ledger event: a scoring event whose time is epoch ms, so it sorts and bounds numerically. Its canonical
 * JSON (keys sorted, `type` and `at` first) is its identity: the same change seen twice (a redelivered
 * webhook, a history entry already recorded) yields the same string, so storing it twice stores it once.
 */
export type LedgerEvent = ScoringEvent & { at: number };

/** The canonical string of an event; equal strings mean the same event. */
export function eventKey(event: LedgerEvent): string {
  const { type, at, ...attrs } = event;
  const sorted: Record<string, unknown> = { type, at };
  for (const k of Object.keys(attrs).sort()) sorted[k] = attrs[k];
  return JSON.stringify(sorted);
}

/** Reads back an event stored by its {@link eventKey}; `null` for anything that is not one. */
export function parseEventKey(key: string): LedgerEvent | null {
  try {
    const v: unknown = JSON.parse(key);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    const e = v as Record<string, unknown>;
    if (typeof e.type !== 'string' || typeof e.at !== 'number' || !Number.isFinite(e.at)) return null;
    return e as LedgerEvent;
  } catch {
    return null;
  }
}

/** Builds an event with its attributes, dropping attributes that are absent. */
export function ledgerEvent(type: string, at: number, attrs: Record<string, string | undefined> = {}): LedgerEvent {
  const event: LedgerEvent = { type, at };
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) event[k] = v;
  return event;
}
