/**
 * Records of one object type in one portal, each property with its history (newest first, as HubSpot returns
 * `propertiesWithHistory`). Ids are numeric strings handed out in ascending order, so list paging is a binary
 * search on the id and `after` is the id of the next record, like HubSpot's cursor.
 */
export type HistoryEntry = { value: string; timestamp: number; sourceType: string; sourceId?: string };
export type CrmRecord = { id: string; createdAt: number; updatedAt: number; archived: boolean; history: Map<string, HistoryEntry[]> };

/** HubSpot keeps a bounded history per property; this bound keeps a long simulator run's memory flat. */
export const MAX_HISTORY_PER_PROPERTY = 50;

export class ObjectStore {
  private readonly byId = new Map<string, CrmRecord>();
  private readonly ordered: CrmRecord[] = [];
  private nextId: number;

  constructor(firstId: number) { this.nextId = firstId; }

  /** Creates an empty record; properties are set afterwards through {@link ObjectStore.set}. */
  create(at: number): CrmRecord {
    const record: CrmRecord = { id: String(this.nextId++), createdAt: at, updatedAt: at, archived: false, history: new Map() };
    this.byId.set(record.id, record);
    this.ordered.push(record);
    return record;
  }

  /** A live (not archived) record. */
  get(id: string): CrmRecord | undefined {
    const r = this.byId.get(id);
    return r && !r.archived ? r : undefined;
  }

  /** Live records in id order. */
  *all(): IterableIterator<CrmRecord> {
    for (const r of this.ordered) if (!r.archived) yield r;
  }

  get size(): number { return this.byId.size; }

  /** The record at a position in id order (wrapping), or undefined when it was archived: random sampling. */
  nth(n: number): CrmRecord | undefined {
    if (this.ordered.length === 0) return undefined;
    const r = this.ordered[((n % this.ordered.length) + this.ordered.length) % this.ordered.length]!;
    return r.archived ? undefined : r;
  }

  /** Live records with `lo` ≤ id ≤ `hi`, in id order (a binary search for the start: range queries stay cheap). */
  *between(lo: number, hi: number): IterableIterator<CrmRecord> {
    let i = this.firstAtLeast(lo);
    for (; i < this.ordered.length; i++) {
      const r = this.ordered[i]!;
      if (Number(r.id) > hi) return;
      if (!r.archived) yield r;
    }
  }

  private firstAtLeast(id: number): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Number(this.ordered[mid]!.id) < id) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Up to `limit` live records with id ≥ `after`, and the cursor of the next page. */
  page(after: number, limit: number): { records: CrmRecord[]; next?: string } {
    const lo = this.firstAtLeast(after);
    const records: CrmRecord[] = [];
    for (let i = lo; i < this.ordered.length; i++) {
      const r = this.ordered[i]!;
      if (r.archived) continue;
      if (records.length === limit) return { records, next: r.id };
      records.push(r);
    }
    return { records };
  }

  /** Sets a value; returns false (and records nothing) when it equals the current one, as HubSpot does. */
  set(record: CrmRecord, name: string, entry: HistoryEntry): boolean {
    const list = record.history.get(name);
    if (list?.[0]?.value === entry.value) return false;
    if (!list && entry.value === '') return false;
    if (list) {
      list.unshift(entry);
      if (list.length > MAX_HISTORY_PER_PROPERTY) list.length = MAX_HISTORY_PER_PROPERTY;
    } else {
      record.history.set(name, [entry]);
    }
    if (entry.timestamp > record.updatedAt) record.updatedAt = entry.timestamp;
    return true;
  }

  /**
   * Replaces a property's whole history (seeding); entries may come in any order. A value equal to the one
   * before it is dropped, as a live write of an unchanged value records nothing.
   */
  setHistory(record: CrmRecord, name: string, entries: HistoryEntry[]): void {
    const changes = [...entries].sort((a, b) => a.timestamp - b.timestamp).filter((e, i, all) => i === 0 || e.value !== all[i - 1]!.value);
    const sorted = changes.reverse().slice(0, MAX_HISTORY_PER_PROPERTY);
    if (sorted.length === 0) return;
    record.history.set(name, sorted);
    if (sorted[0]!.timestamp > record.updatedAt) record.updatedAt = sorted[0]!.timestamp;
  }

  archive(id: string): boolean {
    const r = this.get(id);
    if (!r) return false;
    r.archived = true;
    return true;
  }
}
