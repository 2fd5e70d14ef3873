import { evaluate, outputNames, outputProperties, type CompiledModel, type Model, type ScoreResult } from '../scoring/index.js';
import { eventsFromProperties, mergeEvents, type LedgerEvent } from '../signals/index.js';
import { scoreSummary, type ScoreWrite, type StoredScore } from '../store/scores.js';

/** A published model, compiled once per version. */
export type ScoringModel = { modelId: string; version: number; model: Model; compiled: CompiledModel };

export type ContactData = { id: string; properties: Record<string, string | null | undefined> };

export type ScoreOutcome = {
  /** The batch update to send: only contacts whose output changed, only their changed models' properties. */
  updates: { id: string; properties: Record<string, string> }[];
  /** What to store once the update succeeded (per contact and model). */
  writes: ScoreWrite[];
  /** Per contact: the earliest moment decay will change a rounded output (null: never). */
  nextChangeAt: Map<string, number | null>;
  /** Events the current property values proved, to add to each ledger. */
  derived: Map<string, LedgerEvent[]>;
  /** Contacts in scope of at least one model. */
  scored: number;
};

/**
 * Whether two sets of a model's outputs say the same thing. The timestamps (`_updated_at`, `_stage_changed_at`)
 * change on every computation, so they alone never justify a write.
 */
export function sameOutputs(model: Model, a: Record<string, string>, b: Record<string, string>): boolean {
  const n = outputNames(model);
  const compared = [n.total, n.fit, n.engagement, n.grade, n.stage, n.reason];
  return compared.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/**
 * Scores a batch of contacts with every published model and decides what to write (no I/O: the caller reads
 * and writes). A contact's events are its ledger plus what its current engagement properties prove. A model's
 * output is written only when it differs from the last one written; a contact out of scope has its outputs
 * cleared only if it had a score before.
 */
export function scoreContacts(input: {
  contacts: ContactData[];
  ledgers: Map<string, LedgerEvent[]>;
  models: ScoringModel[];
  previous: Map<string, Map<string, StoredScore>>;
  now: number;
}): ScoreOutcome {
  const out: ScoreOutcome = { updates: [], writes: [], nextChangeAt: new Map(), derived: new Map(), scored: 0 };
  for (const contact of input.contacts) {
    const derived = eventsFromProperties(contact.properties);
    out.derived.set(contact.id, derived);
    const events = mergeEvents(input.ledgers.get(contact.id) ?? [], derived);
    const update: Record<string, string> = {};
    let next: number | null = null;
    let inScope = false;
    for (const m of input.models) {
      const result: ScoreResult = evaluate(m.compiled, { properties: contact.properties, events }, input.now);
      const prev = input.previous.get(contact.id)?.get(m.modelId);
      if (result.inScope) {
        inScope = true;
        if (result.nextChangeAt !== null) next = next === null ? result.nextChangeAt : Math.min(next, result.nextChangeAt);
      } else if (!prev || !prev.inScope) {
        // Never scored, or already cleared: nothing to write or keep.
        if (prev) out.writes.push({ contactId: contact.id, changed: false, score: { ...prev, inScope: false, summary: null, scoredAt: input.now, version: m.version } });
        continue;
      }
      const outputs = outputProperties(m.model, result, prev?.outputs);
      const changed = !prev || !sameOutputs(m.model, prev.outputs, outputs);
      if (changed) Object.assign(update, outputs);
      out.writes.push({
        contactId: contact.id,
        changed,
        score: {
          modelId: m.modelId, version: m.version, scoredAt: input.now, inScope: result.inScope, summary: scoreSummary(result),
          outputs: changed ? outputs : prev!.outputs,
        },
      });
    }
    if (inScope) out.scored++;
    out.nextChangeAt.set(contact.id, next);
    if (Object.keys(update).length) out.updates.push({ id: contact.id, properties: update });
  }
  return out;
}
