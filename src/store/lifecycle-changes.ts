import type { RecordStore } from './contact-records.js';

/**
 * The lifecycle-stage changes recorded in contacts' signal ledgers (`property_change {property: lifecyclestage}`
 * events, from webhooks and from the install backfill's property history): what the store knows of conversions.
 */
export type LifecycleChange = { at: number; value: string };

const CHUNK = 500;

export function createLifecycleChangeReader(deps: { records: RecordStore }) {
  const { records } = deps;
  return {
    /** Each contact's recorded lifecycle-stage changes, oldest first (contacts with none are left out). */
    async read(portalId: number, contactIds: readonly string[]): Promise<Map<string, LifecycleChange[]>> {
      const out = new Map<string, LifecycleChange[]>();
      for (let i = 0; i < contactIds.length; i += CHUNK) {
        const recs = await records.read(portalId, contactIds.slice(i, i + CHUNK));
        for (const [id, rec] of recs) {
          const changes = (rec?.ledger ?? []).flatMap((e) =>
            e.type === 'property_change' && e.property === 'lifecyclestage' && typeof e.value === 'string' ? [{ at: e.at, value: e.value }] : []);
          if (changes.length) out.set(id, changes.sort((a, b) => a.at - b.at));
        }
      }
      return out;
    },
  };
}

export type LifecycleChangeReader = ReturnType<typeof createLifecycleChangeReader>;
