import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, type ContactRecord } from '../../src/store/contact-record.js';

/**
 * A record's bytes read back as the record (scores with their outputs as strings, history, snapshots, decay
 * moment, ledger), whichever strings the dictionary holds and whichever stay inline past its cap.
 */
const T0 = 1_780_000_000_000;
const text = fc.oneof(fc.constantFrom('', 'A', 'Hot', 'MQL', '58', '007', '-3', '12.5', '2026-01-02T03:04:05.006Z', '2026-01-02T03:04:05Z'), fc.string({ unit: 'grapheme', maxLength: 8 }));
const small = fc.oneof(fc.integer({ min: -200, max: 200 }), fc.constantFrom(0, 12.5, -0.1));
const outputs = fc.dictionary(fc.constantFrom('lead_score', 'lead_score_grade', 'lead_score_updated_at', 'ünï'), fc.oneof(text, fc.integer({ min: 0, max: 4e12 }).map((t) => new Date(t).toISOString())), { maxKeys: 4 });
const score = fc.record({
  modelId: fc.constantFrom('starter', 'inbound'), version: fc.integer({ min: 1, max: 500 }), scoredAt: fc.integer({ min: T0 - 1e10, max: T0 }),
  inScope: fc.boolean(),
  summary: fc.option(fc.record({ total: small, fit: small, engagement: small, grade: text, stage: text }), { nil: null }),
  outputs,
});
const history = fc.record({
  at: fc.integer({ min: 0, max: T0 }), modelId: fc.constantFrom('starter', 'x'), version: fc.integer({ min: 1, max: 9 }),
  total: fc.option(small, { nil: null }), fit: fc.option(small, { nil: null }), engagement: fc.option(small, { nil: null }),
  grade: fc.option(text, { nil: null }), stage: fc.option(text, { nil: null }),
});
const snapshot = fc.record({
  modelId: fc.constantFrom('starter', 'x'), day: fc.integer({ min: 0, max: 30_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
  version: fc.integer({ min: 1, max: 9 }), total: fc.option(small, { nil: null }),
});
const event = fc.record({ type: fc.constantFrom('page_view', 'email_open'), at: fc.integer({ min: T0 - 1e10, max: T0 }), url: fc.option(text, { nil: undefined }) })
  .map(({ url, ...e }) => (url === undefined ? e : { ...e, url }));
const record: fc.Arbitrary<ContactRecord> = fc.record({
  nextChangeAt: fc.option(fc.integer({ min: 1, max: 2 ** 48 - 1 }), { nil: null }),
  scores: fc.uniqueArray(score, { selector: (s) => s.modelId, maxLength: 2 }),
  history: fc.array(history, { maxLength: 4 }),
  snapshots: fc.array(snapshot, { maxLength: 4 }),
  ledger: fc.array(event, { maxLength: 6 }).map((es) => es.sort((a, b) => a.at - b.at)),
});

describe('contact record codec', () => {
  it('reads back every record it wrote, with or without dictionary codes', () => {
    fc.assert(fc.property(record, fc.integer({ min: 0, max: 10 }), (rec, cap) => {
      const codes = new Map<string, number>();
      const strings: string[] = [];
      const intern = (s: string) => {
        if (!codes.has(s)) codes.set(s, strings.length < cap ? strings.push(s) : 0);
        return codes.get(s)!;
      };
      const bytes = encodeRecord(rec, intern);
      const back = decodeRecord(bytes, (code) => strings[code - 1]!, { maxAgeDays: 1e6, maxEvents: 1e6 });
      // Output values are stored as strings (what was written to HubSpot).
      expect(back).toEqual({ ...rec, scores: rec.scores.map((s) => ({ ...s, outputs: Object.fromEntries(Object.entries(s.outputs).map(([k, v]) => [k, String(v)])) })) });
    }), { numRuns: 500 });
  });
});
