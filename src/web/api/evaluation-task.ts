import { compileModel, evaluate, MODEL_LIMITS, type Model, type ModelError, type ScoreResult, type ScoringEvent } from '../../scoring/index.js';
import { eventsFromProperties, mergeEvents, type LedgerEvent } from '../../signals/index.js';
import { validateModel } from '../../store/model-records.js';
import { ValidationError } from '../../errors.js';

/** A contact as the try routes send it to an evaluation thread: its properties and its stored ledger. */
export type TaskContact = { properties: Record<string, string | null>; ledger: LedgerEvent[] };

/** What an evaluation thread is asked to do: validate a draft, or score contacts with models. */
export type EvaluationTask =
  | { kind: 'validate'; doc: unknown; modelId: string }
  | { kind: 'evaluate'; models: Model[]; contacts: TaskContact[]; now: number; slim?: boolean };

export type TaskAnswer =
  | { kind: 'validated'; model: Model }
  | { kind: 'invalid'; errors: ModelError[] }
  | { kind: 'evaluated'; results: ScoreResult[][] };

/**
 * Runs one task (in an evaluation thread; pure apart from the clock in `now`). Scoring uses the same inputs the
 * pipeline scores with: the stored ledger plus what the current properties prove.
 */
export function runTask(task: EvaluationTask): TaskAnswer {
  if (task.kind === 'validate') {
    try {
      return { kind: 'validated', model: validateModel(task.doc, task.modelId) };
    } catch (err) {
      if (err instanceof ValidationError) return { kind: 'invalid', errors: err.issues };
      throw err;
    }
  }
  const compiled = task.models.map((m) => compileModel(m));
  const results = task.contacts.map((c) => {
    const events: ScoringEvent[] = mergeEvents(c.ledger, eventsFromProperties(c.properties));
    return compiled.map((cm) => {
      const r = evaluate(cm, { properties: c.properties, events }, task.now);
      // A preview needs only each contact's total and stage: no breakdown crosses back to the web thread.
      return task.slim && r.inScope ? ({ ...r, breakdown: [], adjustments: [] } as ScoreResult) : r;
    });
  });
  return { kind: 'evaluated', results };
}

const cut = (v: string) => (v.length > MODEL_LIMITS.valueChars ? v.slice(0, MODEL_LIMITS.valueChars) : v);

/** A ledger's events with their text attributes cut to what a condition reads (the type is compared whole). */
export function trimmedLedger(events: readonly LedgerEvent[]): LedgerEvent[] {
  return events.map((e) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) out[k] = typeof v === 'string' && k !== 'type' ? cut(v) : v;
    return out as LedgerEvent;
  });
}

/**
 * A contact's property values cut to what a condition reads (MODEL_LIMITS.valueChars), so a page of contacts
 * with 65,536-character texts costs the thread hand-off no more than the engine will read.
 */
export function trimmedProperties(properties: Record<string, string | null>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(properties)) out[k] = v === null ? null : cut(v);
  return out;
}
