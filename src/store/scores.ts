import type { ScoreResult } from '../scoring/index.js';
import { emptyRecord, type ContactRecord, type HistoryEntry, type ScoreSummary, type StoredScore } from './contact-record.js';
import type { RecordStore } from './contact-records.js';

export type { HistoryEntry, StoredScore } from './contact-record.js';

/**
 * Each contact's last score per model, a bounded history of score changes, dated snapshots (one per model per
 * day) and its decay moment, all inside its compact record (contact-record.ts). The stored score is what the
 * worker needs to decide its next write (the outputs last written, in scope or not, version, time), not the
 * engine's breakdown: the card recomputes that, exactly, from HubSpot's values and the ledger (card-handlers.ts).
 */

/** One contact's new score for one model, as the worker stores it after writing HubSpot. */
export type ScoreWrite = { contactId: string; score: StoredScore; changed: boolean };

/**
 * Snapshot days kept per contact and model (the newest): the forward-accuracy report looks a horizon of weeks
 * ahead of a snapshot, and a contact rescored every day (decay) would otherwise add one a day for ever.
 */
export const SNAPSHOT_MAX_DAYS = 90;

/** The figures of an in-scope result (null out of scope). */
export function scoreSummary(result: ScoreResult): ScoreSummary | null {
  return result.inScope ? { total: result.total, fit: result.fit, engagement: result.engagement, grade: result.grade, stage: result.stage } : null;
}

function historyEntry(score: StoredScore): HistoryEntry {
  const s = score.summary;
  return {
    at: score.scoredAt, modelId: score.modelId, version: score.version,
    total: s ? s.total : null, fit: s ? s.fit : null, engagement: s ? s.engagement : null,
    grade: s ? s.grade : null, stage: s ? s.stage : null,
  };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A record with a batch's scores of one contact applied (score, history when changed, the day's snapshot). */
export function applyScores(rec: ContactRecord, writes: readonly ScoreWrite[], historyMax: number): ContactRecord {
  let { scores, history, snapshots } = rec;
  for (const w of writes) {
    const s = w.score;
    scores = [...scores.filter((x) => x.modelId !== s.modelId), s];
    if (w.changed) history = [historyEntry(s), ...history].slice(0, historyMax);
    const d = day(s.scoredAt);
    const mine = [...snapshots.filter((x) => x.modelId === s.modelId && x.day !== d), { modelId: s.modelId, day: d, version: s.version, total: s.summary?.total ?? null }]
      .sort((a, b) => a.day.localeCompare(b.day))
      .slice(-SNAPSHOT_MAX_DAYS);
    snapshots = [...snapshots.filter((x) => x.modelId !== s.modelId), ...mine];
  }
  return { ...rec, scores, history, snapshots };
}

export function createScoreStore(deps: { records: RecordStore; historyMax: number }) {
  const { records } = deps;

  return {
    /** The last stored score of each contact, per model id. */
    async readLast(portalId: number, contactIds: string[]): Promise<Map<string, Map<string, StoredScore>>> {
      const recs = await records.read(portalId, contactIds);
      return new Map(contactIds.map((id) => [id, new Map((recs.get(id)?.scores ?? []).map((s) => [s.modelId, s]))]));
    },

    /**
     * Stores a batch's scores, atomically per contact: the last score per model, a history entry when the output
     * changed (bounded to HISTORY_MAX_ENTRIES), today's snapshot, and when decay will next change the contact's
     * rounded score (`nextChangeAt` per contact; null takes it off the schedule). Every contact of the batch has
     * its record compacted on the way (its ledger's appended tail folded in).
     */
    async write(portalId: number, writes: ScoreWrite[], nextChangeAt: Map<string, number | null>): Promise<void> {
      const byContact = new Map<string, ScoreWrite[]>();
      for (const w of writes) byContact.set(w.contactId, [...(byContact.get(w.contactId) ?? []), w]);
      const ids = [...new Set([...byContact.keys(), ...nextChangeAt.keys()])];
      if (!ids.length) return;
      await records.update(portalId, ids, (id, rec) => {
        const mine = byContact.get(id) ?? [];
        if (!rec && !mine.length) return null;
        const next = applyScores(rec ?? emptyRecord(), mine, deps.historyMax);
        return nextChangeAt.has(id) ? { ...next, nextChangeAt: nextChangeAt.get(id) ?? null } : next;
      });
    },

    /** A contact's stored scores and history (newest first), for the card and the API. */
    async contact(portalId: number, contactId: string): Promise<{ scores: StoredScore[]; history: HistoryEntry[] }> {
      const rec = (await records.read(portalId, [contactId])).get(contactId);
      return { scores: rec?.scores ?? [], history: rec?.history ?? [] };
    },
  };
}

export type ScoreStore = ReturnType<typeof createScoreStore>;
