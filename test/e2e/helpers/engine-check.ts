import { compileModel, evaluate, outputNames, outputProperties } from '../../../src/scoring/index.js';
import {
  APPROXIMATE_TIME_TOLERANCE_MS, APPROXIMATE_TIME_TYPES, boundLedger, eventKey, eventsFromHistory, eventsFromProperties,
  mergeEvents, SIGNAL_PROPERTIES, syncProperties, type LedgerEvent,
} from '../../../src/signals/index.js';
import type { Stack } from './stack.js';

export type Mismatch = { contactId: string; property: string; inHubSpot: string; engine: string; scoredAt: number };
export type LostEvent = { contactId: string; event: LedgerEvent };

/**
 * The end state the app left in the sandbox HubSpot, checked against the engine run here on the same data:
 * every contact's current properties and property history are read from the sandbox, the events that history
 * and those values prove are rebuilt with src/signals, and the published model is evaluated at the moment the
 * app last scored the contact (its stored `scoredAt`, so decay is compared at the same `now`). Events the app
 * knows beyond what history keeps (HubSpot records no history entry for a repeated value) come from its ledger;
 * every event the history proves within the ledger's bounds (LEDGER_MAX_AGE_DAYS, LEDGER_MAX_EVENTS) must be in
 * that ledger too (`lost` lists those that are not). One known gap is set apart (`initialValues`): a contact created
 * after the install arrives as a creation event without values, and the score job reads no history, so the
 * `property_change` events of its initial values (lifecyclestage…) are unknown to the app; no rule of the starter
 * model reads them.
 */
export async function checkAgainstEngine(stack: Stack, installedAt: number) {
  const { sandbox, portalId, stores } = stack;
  const portal = sandbox.portal(portalId);
  const published = await stores.models.listPublished(portalId);
  if (published.length !== 1) throw new Error(`expected one published model, found ${published.length}`);
  const { model, modelId } = published[0]!;
  const compiled = compileModel(model);
  const names = outputNames(model);
  const compared = [names.total, names.fit, names.engagement, names.grade, names.stage, names.reason];
  const read = syncProperties([model]);
  const bounds = { maxAgeDays: stack.config.LEDGER_MAX_AGE_DAYS, maxEvents: stack.config.LEDGER_MAX_EVENTS };

  const records = [...portal.objects.contacts.all()];
  const ids = records.map((r) => r.id);
  const [ledgers, last] = await Promise.all([stores.ledger.read(portalId, ids), stores.scores.readLast(portalId, ids)]);
  const mismatches: Mismatch[] = [];
  const lost: LostEvent[] = [];
  let inScope = 0;
  let unscored = 0;
  let initialValues = 0;

  for (const rec of records) {
    const properties = Object.fromEntries(read.map((p) => [p, portal.value('contacts', rec, p)]));
    const history = Object.fromEntries(SIGNAL_PROPERTIES.map((p) => [p, portal.historyOf('contacts', rec, p).map((h) => ({ value: h.value, timestamp: new Date(h.timestamp).toISOString() }))]));
    const current = eventsFromProperties(properties);
    const proven = mergeEvents(eventsFromHistory(history), current);
    const stored = last.get(rec.id)?.get(modelId);
    const bounded = boundLedger(proven, stored?.scoredAt ?? Date.now(), bounds);
    const ledger = ledgers.get(rec.id) ?? [];
    for (const e of bounded) {
      if (inLedger(e, ledger)) continue;
      if (rec.createdAt >= installedAt && e.type === 'property_change' && e.at === rec.createdAt) initialValues++;
      else lost.push({ contactId: rec.id, event: e });
    }

    const inHubSpot = (p: string) => portal.value('contacts', rec, p) ?? '';
    if (!stored) {
      // Never scored: it must be out of scope now, with no score in HubSpot.
      unscored++;
      const now = evaluate(compiled, { properties, events: proven }, Date.now());
      if (now.inScope) mismatches.push({ contactId: rec.id, property: '(scope)', inHubSpot: 'no score', engine: 'in scope', scoredAt: 0 });
      for (const p of compared) if (inHubSpot(p) !== '') mismatches.push({ contactId: rec.id, property: p, inHubSpot: inHubSpot(p), engine: '', scoredAt: 0 });
      continue;
    }
    // What the app scores with: its ledger plus what the current values prove (those are never age-bounded).
    const result = evaluate(compiled, { properties, events: mergeEvents(ledger, bounded, current) }, stored.scoredAt);
    if (result.inScope) inScope++;
    const expected = outputProperties(model, result);
    for (const p of compared) {
      if (!sameValue(inHubSpot(p), expected[p] ?? '')) mismatches.push({ contactId: rec.id, property: p, inHubSpot: inHubSpot(p), engine: expected[p] ?? '', scoredAt: stored.scoredAt });
    }
  }
  return { contacts: records.length, inScope, unscored, mismatches, lost, initialValues };
}

/** HubSpot keeps numbers as it was sent them; compare numerically so "40" and "40.0" agree. */
function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  return a !== '' && b !== '' && Number.isFinite(Number(a)) && Number(a) === Number(b);
}

/**
 * Whether the ledger holds the event: exactly, or, for the kinds whose time is only approximate (a page view
 * seen through a webhook and through history), an equal event within the tolerance mergeEvents uses.
 */
function inLedger(e: LedgerEvent, ledger: LedgerEvent[]): boolean {
  const key = eventKey(e);
  if (ledger.some((l) => eventKey(l) === key)) return true;
  if (!APPROXIMATE_TIME_TYPES.has(e.type)) return false;
  const sig = eventKey({ ...e, at: 0 });
  return ledger.some((l) => eventKey({ ...l, at: 0 }) === sig && Math.abs(l.at - e.at) <= APPROXIMATE_TIME_TOLERANCE_MS);
}
