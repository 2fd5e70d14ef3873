import { boundLedger, eventKey, type LedgerBounds, type LedgerEvent } from '../signals/index.js';
import { Reader, Writer, type Interner } from './record-codec.js';

/**
 * One contact's whole stored state as ONE compact binary value (a field of its portal's bucket hash, keys.ts
 * `records`): the last score per model, the score history, dated snapshots, the decay moment and the signal
 * ledger. Laid out so the Lua scripts never parse more than fixed offsets:
 *
 *   byte 0        format (1)
 *   bytes 1–6     nextChangeAt, 48-bit big-endian epoch ms (0: none), rewritten in place by the decay sweep
 *   varint        head length, then the head: scores, history, snapshots, the compacted ledger
 *   tail          appended batches: `1 now n events…` (webhooks and workers) or `2 now n records…` (a merge
 *                 carried the losing contacts' records). Appending is a byte concatenation (Lua), so the web
 *                 process needs no read-modify-write; the next write of the record folds the tail into the head.
 *
 * The compacted ledger is sorted by time, each time a delta from the previous event, types, attribute names and
 * string values as dictionary codes. Folding a tail replays each batch in order exactly as the zset store did
 * (add, drop what is older than the batch's cutoff, keep the newest `maxEvents`), so the ledger read is the
 * one the reference policy gives (boundLedger over the union, identity = eventKey).
 */
export const RECORD_FORMAT = 1;
export const NEXT_CHANGE_OFFSET = 1;
const HEAD_LEN_OFFSET = 7;
const BATCH_EVENTS = 1;
const BATCH_CARRY = 2;

/** The figures of an in-scope score (what the workflow action answers and the history records). */
export type ScoreSummary = { total: number; fit: number; engagement: number; grade: string; stage: string };

/** A contact's last score under one model: what the worker needs to decide its next write. */
export type StoredScore = {
  modelId: string;
  version: number;
  scoredAt: number;
  inScope: boolean;
  /** null when out of scope. */
  summary: ScoreSummary | null;
  /** The HubSpot property values last written for this model (cleared outputs are `""`). */
  outputs: Record<string, string>;
};

export type HistoryEntry = {
  at: number; modelId: string; version: number;
  /** null: out of scope. */
  total: number | null; fit: number | null; engagement: number | null; grade: string | null; stage: string | null;
};

/** The day's last score of the contact under one model (for the analysis). */
export type SnapshotEntry = { modelId: string; day: string; version: number; total: number | null };

export type ContactRecord = {
  nextChangeAt: number | null;
  scores: StoredScore[];
  /** Newest first. */
  history: HistoryEntry[];
  /** Oldest day first. */
  snapshots: SnapshotEntry[];
  /** Oldest first, bounded. */
  ledger: LedgerEvent[];
};

export const emptyRecord = (): ContactRecord => ({ nextChangeAt: null, scores: [], history: [], snapshots: [], ledger: [] });

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Date.parse(`${day}T00:00:00.000Z`) / DAY_MS;
const dayText = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Events in the zset store's order: time, then the canonical string's bytes (ties kept or trimmed alike). */
function byTimeThenKey(a: { e: LedgerEvent; k: Buffer }, b: { e: LedgerEvent; k: Buffer }): number {
  return a.e.at - b.e.at || Buffer.compare(a.k, b.k);
}

/** The union of `current` and `added` (each event once), bounded as of `now`: one zset write of the old store. */
export function applyBatch(current: readonly LedgerEvent[], added: readonly LedgerEvent[], now: number, bounds: LedgerBounds): LedgerEvent[] {
  const unique = new Map<string, LedgerEvent>();
  for (const e of current) unique.set(eventKey(e), e);
  for (const e of added) unique.set(eventKey(e), e);
  const sorted = [...unique].map(([k, e]) => ({ e, k: Buffer.from(k, 'utf8') })).sort(byTimeThenKey).map((x) => x.e);
  return boundLedger(sorted, now, bounds);
}

/**
 * An event without its time, as one string: a JSON array of the type, then each attribute's name and value (names
 * sorted). A portal's events repeat (the same page, form, lifecycle stage across thousands of contacts), so in the
 * compacted ledger this is one dictionary code, and an event costs its time delta and one or two bytes.
 */
function writeEvent(w: Writer, e: LedgerEvent): void {
  const { type, at: _at, ...attrs } = e;
  const names = Object.keys(attrs).filter((k) => attrs[k] !== undefined).sort();
  w.str(JSON.stringify([type, ...names.flatMap((k) => [k, attrs[k]])]));
}

/** Parsed event bodies by their string (bounded: a portal has few distinct ones, a cold process fills it once). */
const parsed = new Map<string, [string, ...unknown[]]>();

function readEvent(r: Reader, at: number): LedgerEvent {
  const body = r.str();
  let parts = parsed.get(body);
  if (!parts) {
    parts = JSON.parse(body) as [string, ...unknown[]];
    if (parsed.size >= 50_000) parsed.clear();
    parsed.set(body, parts);
  }
  const e: LedgerEvent = { type: parts[0], at };
  for (let i = 1; i < parts.length; i += 2) e[parts[i] as string] = parts[i + 1];
  return e;
}

/** A tail batch of events recorded at `now` (inline strings: the appender needs no dictionary). */
export function encodeEventBatch(events: readonly LedgerEvent[], now: number): Buffer {
  const w = new Writer();
  w.byte(BATCH_EVENTS);
  w.uint(now);
  w.uint(events.length);
  for (const e of events) {
    w.int(e.at);
    writeEvent(w, e);
  }
  return w.bytes();
}

/** The prefix of a carry batch; the Lua script appends each carried record as `length bytes`. */
export function encodeCarryHeader(now: number): Buffer {
  const w = new Writer();
  w.byte(BATCH_CARRY);
  w.uint(now);
  return w.bytes();
}

/** The summary's figures as the outputs write them (numbers as their decimal text). */
function summaryTexts(s: ScoreSummary | null): string[] {
  return s ? [String(s.total), String(s.fit), String(s.engagement), s.grade, s.stage] : [];
}

/** The latest scoring time of a record (0 without scores). */
function latest(scores: readonly StoredScore[]): number {
  return scores.reduce((m, s) => Math.max(m, s.scoredAt), 0);
}

function writeOptional(w: Writer, v: string | number | null): void {
  w.value(v);
}

/** The record's bytes (head only: the tail is folded in). */
export function encodeRecord(rec: ContactRecord, intern: Interner): Buffer {
  const h = new Writer(intern);
  h.uint(rec.scores.length);
  for (const s of rec.scores) {
    h.str(s.modelId);
    h.uint(s.version);
    h.uint(s.scoredAt);
    h.byte(s.summary ? 1 : 0);
    if (s.summary) {
      for (const v of [s.summary.total, s.summary.fit, s.summary.engagement, s.summary.grade, s.summary.stage]) h.value(v);
    }
    h.byte(s.inScope ? 1 : 0);
    // The output names as one shape (a JSON array: a model has two or three such sets), then the values: they
    // repeat the summary's figures as text and carry times close to the scoring.
    const names = Object.keys(s.outputs);
    h.str(JSON.stringify(names));
    const refs = summaryTexts(s.summary);
    for (const k of names) h.value(s.outputs[k], s.scoredAt, refs);
  }
  // History times and snapshot days are stored relative to the latest scoring (usually a few bytes apart).
  const ref = latest(rec.scores);
  h.uint(rec.history.length);
  for (const e of rec.history) {
    h.str(e.modelId);
    h.uint(e.version);
    h.int(e.at - ref);
    for (const v of [e.total, e.fit, e.engagement, e.grade, e.stage]) writeOptional(h, v);
  }
  h.uint(rec.snapshots.length);
  for (const s of rec.snapshots) {
    h.str(s.modelId);
    h.int(dayNumber(s.day) - Math.floor(ref / DAY_MS));
    h.uint(s.version);
    writeOptional(h, s.total);
  }
  h.uint(rec.ledger.length);
  let prev = 0;
  rec.ledger.forEach((e, i) => {
    if (i === 0) h.int(e.at);
    else h.uint(e.at - prev);
    prev = e.at;
    writeEvent(h, e);
  });
  const head = h.bytes();
  const out = new Writer();
  out.byte(RECORD_FORMAT);
  const next = rec.nextChangeAt ?? 0;
  if (!Number.isSafeInteger(next) || next < 0 || next >= 2 ** 48) throw new Error(`record: nextChangeAt ${next} out of range`);
  const fixed = Buffer.alloc(6);
  fixed.writeUIntBE(next, 0, 6);
  out.raw(fixed);
  out.uint(head.length);
  out.raw(head);
  return out.bytes();
}

const num = (v: unknown) => (typeof v === 'number' ? v : null);
const text = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * Reads a record back, folding its tail into the ledger under `bounds` (each batch as the zset store applied
 * it). `lookup` resolves dictionary codes.
 */
export function decodeRecord(buf: Buffer, lookup: (code: number) => string, bounds: LedgerBounds): ContactRecord {
  if (buf[0] !== RECORD_FORMAT) throw new Error(`record: unknown format ${buf[0]}`);
  const next = buf.readUIntBE(NEXT_CHANGE_OFFSET, 6);
  const lr = new Reader(buf, lookup, HEAD_LEN_OFFSET);
  const headLen = lr.uint();
  const r = new Reader(buf, lookup, lr.pos, lr.pos + headLen);
  const rec: ContactRecord = { ...emptyRecord(), nextChangeAt: next === 0 ? null : next };
  for (let i = r.uint(); i > 0; i--) {
    const modelId = r.str();
    const version = r.uint();
    const scoredAt = r.uint();
    let summary: ScoreSummary | null = null;
    if (r.byte() === 1) {
      const [total, fit, engagement, grade, stage] = [r.value(), r.value(), r.value(), r.value(), r.value()];
      summary = { total: total as number, fit: fit as number, engagement: engagement as number, grade: grade as string, stage: stage as string };
    }
    const inScope = r.byte() === 1;
    const outputs: Record<string, string> = {};
    const refs = summaryTexts(summary);
    for (const k of JSON.parse(r.str()) as string[]) outputs[k] = String(r.value(scoredAt, refs));
    rec.scores.push({ modelId, version, scoredAt, inScope, summary, outputs });
  }
  const ref = latest(rec.scores);
  for (let i = r.uint(); i > 0; i--) {
    const modelId = r.str();
    const version = r.uint();
    const at = r.int() + ref;
    const [total, fit, engagement, grade, stage] = [r.value(), r.value(), r.value(), r.value(), r.value()];
    rec.history.push({ at, modelId, version, total: num(total), fit: num(fit), engagement: num(engagement), grade: text(grade), stage: text(stage) });
  }
  for (let i = r.uint(); i > 0; i--) {
    const modelId = r.str();
    const day = dayText(r.int() + Math.floor(ref / DAY_MS));
    const version = r.uint();
    rec.snapshots.push({ modelId, day, version, total: num(r.value()) });
  }
  let at = 0;
  for (let i = r.uint(), first = true; i > 0; i--, first = false) {
    at = first ? r.int() : at + r.uint();
    rec.ledger.push(readEvent(r, at));
  }
  rec.ledger = foldTail(rec.ledger, new Reader(buf, lookup, lr.pos + headLen), lookup, bounds);
  return rec;
}

function foldTail(ledger: LedgerEvent[], t: Reader, lookup: (code: number) => string, bounds: LedgerBounds): LedgerEvent[] {
  let out = ledger;
  while (!t.done()) {
    const kind = t.byte();
    const now = t.uint();
    const n = t.uint();
    const added: LedgerEvent[] = [];
    if (kind === BATCH_EVENTS) {
      for (let i = 0; i < n; i++) {
        const at = t.int();
        added.push(readEvent(t, at));
      }
    } else if (kind === BATCH_CARRY) {
      for (let i = 0; i < n; i++) added.push(...decodeRecord(t.raw(t.uint()), lookup, bounds).ledger);
    } else {
      throw new Error(`record: unknown tail batch kind ${kind}`);
    }
    out = applyBatch(out, added, now, bounds);
  }
  return out;
}

/** Whether a record's value has an unfolded tail (the next write compacts it). */
export function tailLength(buf: Buffer): number {
  const r = new Reader(buf, () => '', HEAD_LEN_OFFSET);
  const headLen = r.uint();
  return buf.length - r.pos - headLen;
}
