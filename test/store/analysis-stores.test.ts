import { createContactStores } from '../../src/store/contact-stores.js';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileModel, evaluate, parseModel } from '../../src/scoring/index.js';
import { ledgerEvent } from '../../src/signals/index.js';
import { createAnalysisRunStore } from '../../src/store/analysis-runs.js';
import { appKeys } from '../../src/store/keys.js';
import { createLifecycleChangeReader } from '../../src/store/lifecycle-changes.js';
import { createSnapshotReader, snapshotTime } from '../../src/store/score-snapshots.js';
import { scoreSummary, type StoredScore } from '../../src/store/scores.js';
import type { ScoreResult } from '../../src/scoring/index.js';
import { connect, dropPrefix, uniquePrefix } from '../helpers/redis.js';

const P = 12;
const HOUR = 3_600_000;

const storedScore = (modelId: string, at: number, result: ScoreResult): StoredScore =>
  ({ modelId, version: 2, scoredAt: at, outputs: {}, inScope: result.inScope, summary: scoreSummary(result) });
let redis: Redis;
let prefix: string;
let keys: ReturnType<typeof appKeys>;

beforeEach(() => {
  redis = connect();
  prefix = uniquePrefix('analysis-stores');
  keys = appKeys(prefix);
});
afterEach(async () => {
  await dropPrefix(redis, prefix);
  redis.disconnect();
});

describe('analysis run store', () => {
  it('starts one run at a time, and a superseded run cannot write', async () => {
    const runs = createAnalysisRunStore({ redis, keys });
    const first = await runs.start(P, 'inbound', { maxContacts: 100 }, 1_000, HOUR);
    expect(first).toEqual({ created: true, run: { status: 'queued', requestedAt: 1_000, fetched: 0, request: { maxContacts: 100 } } });
    // A second request while the first is queued gets the first.
    expect(await runs.start(P, 'inbound', {}, 2_000, HOUR)).toMatchObject({ created: false, run: { requestedAt: 1_000 } });
    expect(await runs.update(P, 'inbound', 1_000, { status: 'running', fetched: 50 })).toBe(true);
    // After the stale limit the run is taken for dead: a new one replaces it, and the old job's writes are refused.
    const later = await runs.start(P, 'inbound', {}, 1_000 + HOUR + 1, HOUR);
    expect(later).toMatchObject({ created: true, run: { requestedAt: 1_000 + HOUR + 1, status: 'queued' } });
    expect(await runs.update(P, 'inbound', 1_000, { status: 'done', result: { stale: true } })).toBe(false);
    expect(await runs.get(P, 'inbound')).toMatchObject({ requestedAt: 1_000 + HOUR + 1, status: 'queued' });
    // A finished run does not block the next one.
    await runs.update(P, 'inbound', 1_000 + HOUR + 1, { status: 'done' });
    expect((await runs.start(P, 'inbound', {}, 1_000 + HOUR + 2, HOUR)).created).toBe(true);
    expect(await runs.get(P + 1, 'inbound')).toBeNull();
  });
});

describe('snapshot and lifecycle readers', () => {
  it('read back what the score store wrote, per model and day, and the lifecycle changes the ledgers hold', async () => {
    const parsed = parseModel({
      id: 'inbound', name: 'Inbound', fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'R', points: 40, when: { property: 'x', op: 'eq', value: 'y' } }] }] },
      engagement: { groups: [] }, scope: { property: 'x', op: 'known' },
    });
    if (!parsed.ok) throw new Error('model');
    const compiled = compileModel(parsed.model);
    const { scores, ledger, records } = createContactStores({ redis, keys, historyMax: 10, bounds: { maxAgeDays: 365, maxEvents: 50 } });
    const day1 = Date.UTC(2026, 2, 1, 9);
    const write = (contactId: string, at: number, x: string | null, modelId = 'inbound') =>
      scores.write(P, [{ contactId, changed: true, score: storedScore(modelId, at, evaluate(compiled, { properties: { x }, events: [] }, at)) }], new Map());
    await write('1', day1, 'y');
    await write('1', day1 + 2 * HOUR, 'n'); // same day: the day's last score is kept
    await write('1', day1 + 24 * HOUR, null); // out of scope the next day
    await write('1', day1, 'y', 'other');
    await write('2', day1 + 48 * HOUR, 'y');
    const reader = createSnapshotReader({ records });
    const { ids, truncated } = await reader.contactIds(P, 10);
    expect([ids.sort(), truncated]).toEqual([['1', '2'], false]);
    const points = await reader.read(P, 'inbound', ['1', '2', '3']);
    // 'y' scores fit 40 → total 0.5 × 40 = 20; 'n' scores 0.
    expect(Object.fromEntries(points)).toEqual({
      1: [{ day: '2026-03-01', version: 2, total: 0 }, { day: '2026-03-02', version: 2, total: null }],
      2: [{ day: '2026-03-03', version: 2, total: 20 }],
    });
    expect(snapshotTime('2026-03-01')).toBe(Date.UTC(2026, 2, 2));

    await ledger.append(P, new Map([
      ['1', [ledgerEvent('email_open', day1), ledgerEvent('property_change', day1 + 5, { property: 'lifecyclestage', value: 'customer' }),
        ledgerEvent('property_change', day1 + 1, { property: 'lifecyclestage', value: 'lead' }), ledgerEvent('property_change', day1, { property: 'hs_lead_status', value: 'NEW' })]],
      ['2', [ledgerEvent('page_view', day1, { url: '/pricing' })]],
    ]), day1);
    const changes = await createLifecycleChangeReader({ records }).read(P, ['1', '2']);
    expect(Object.fromEntries(changes)).toEqual({ 1: [{ at: day1 + 1, value: 'lead' }, { at: day1 + 5, value: 'customer' }] });
  });
});
