import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/queue/scheduler.js';
import { decodeRanges } from '../../src/queue/search-ranges.js';
import { starterModel } from '../pipeline/helpers/harness.js';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, until } from './helpers/stack.js';

const CONTACTS = 1_500;

/**
 * A rescore through search stopped by SIGTERM in the middle: the worker finishes its writes in flight, saves the
 * id ranges not yet done and hands the job back; another worker resumes from there. Every contact ends with the
 * new version, each page counted once. Searches are slowed (HUBSPOT_SEARCH_LIMIT_PER_S=1: one every 1.1 s) so
 * the signal lands mid-run.
 */
describe('a rescore handed back by a stopping worker', () => {
  it('resumes at the ranges not yet done, on another worker, and scores every contact once', async () => {
    const stack = await startStack({ contacts: CONTACTS, seed: 'rescore-drain', roles: ['web'], env: { HUBSPOT_SEARCH_LIMIT_PER_S: '1' } });
    try {
      const { portalId, stores } = stack;
      const installedAt = Date.now();
      await stack.install();
      const first = stack.spawnWorker();
      await stack.backfillDone(120_000);
      await stack.idle(30_000);

      const doc = starterModel();
      doc.propertyPrefix = 'lead_score_v2';
      const v = await stores.models.publishDocument(portalId, doc);
      const started = await stores.progress.start(portalId, 'rescore', { modelId: 'starter', version: v.version });
      await createScheduler({ queue: stack.queue }).enqueueRescore(portalId, 'starter', v.version, started.startedAt);
      await until(async () => ((await stores.progress.get(portalId, 'rescore'))?.pages ?? 0) >= 2, 60_000, 'two pages done');
      const exited = once(first, 'exit');
      first.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);

      const stopped = (await stores.progress.get(portalId, 'rescore'))!;
      expect(stopped.status).toBe('running');
      expect(stopped.seen).toBeLessThan(CONTACTS);
      // The cursor names the id ranges not yet done.
      expect(decodeRanges(stopped.cursor).length).toBeGreaterThan(0);

      stack.spawnWorker();
      await until(async () => (await stores.progress.get(portalId, 'rescore'))?.status === 'done', 120_000, 'the rescore');
      await stack.idle(30_000);
      const done = (await stores.progress.get(portalId, 'rescore'))!;
      // Each page counted once: pages read but not done before the stop were read again, and not counted twice.
      expect(done.seen).toBe(CONTACTS);
      const portal = stack.sandbox.portal(portalId);
      const records = [...portal.objects.contacts.all()];
      const scored = await stores.scores.readLast(portalId, records.map((r) => r.id));
      const inScopeAtV2 = records.filter((r) => {
        const s = scored.get(r.id)?.get('starter');
        return s?.version === v.version && s.inScope;
      });
      expect(inScopeAtV2.length).toBe(done.scored);
      expect(done.scored).toBeGreaterThan(CONTACTS / 2);
      // Each of them holds a v2 total in HubSpot, and every score equals the engine's.
      expect(inScopeAtV2.filter((r) => portal.value('contacts', r, 'lead_score_v2') === null)).toEqual([]);
      const check = await checkAgainstEngine(stack, installedAt);
      expect(check.mismatches).toEqual([]);
    } finally {
      await stack.close();
    }
  }, 300_000);
});
