import type { RecordStore } from './contact-records.js';

/**
 * Reads back the dated score snapshots the worker keeps (scores.ts `write`: one per contact, model and UTC day,
 * the day's last score, bounded per contact), for the analysis: forward-looking accuracy and capacity planning.
 */

/** One day's score of one contact under one model; `total` null when the contact was out of scope. */
export type SnapshotPoint = { day: string; version: number; total: number | null };

/** Records per read: small enough that one pipeline stays a few hundred kilobytes. */
const CHUNK = 500;

export function createSnapshotReader(deps: { records: RecordStore }) {
  const { records } = deps;

  return {
    /** Up to `max` ids of the portal's contacts with stored state, and whether there were more. */
    contactIds: (portalId: number, max: number) => records.ids(portalId, max),

    /** Each contact's snapshots under `modelId`, oldest day first (contacts without any are left out). */
    async read(portalId: number, modelId: string, contactIds: readonly string[]): Promise<Map<string, SnapshotPoint[]>> {
      const out = new Map<string, SnapshotPoint[]>();
      for (let i = 0; i < contactIds.length; i += CHUNK) {
        const recs = await records.read(portalId, contactIds.slice(i, i + CHUNK));
        for (const [id, rec] of recs) {
          const points = (rec?.snapshots ?? []).filter((s) => s.modelId === modelId).map(({ day, version, total }) => ({ day, version, total }));
          if (points.length) out.set(id, points.sort((a, b) => a.day.localeCompare(b.day)));
        }
      }
      return out;
    },
  };
}

export type SnapshotReader = ReturnType<typeof createSnapshotReader>;

/** A snapshot day's score was given by the end of that UTC day: the moment the analysis treats it as known. */
export function snapshotTime(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) + 86_400_000;
}
