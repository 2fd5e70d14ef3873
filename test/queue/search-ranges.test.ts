import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotGateway, type HubSpotGateway } from '../../src/hubspot/gateway.js';
import { createInstallFlow } from '../../src/hubspot/install-flow.js';
import { listPagesPer10s } from '../../src/queue/rescore-pipeline.js';
import { createRangeReader, decodeRanges, type RangePage } from '../../src/queue/search-ranges.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { redisSpace } from '../helpers/redis.js';
import { CLIENT_SECRET, testConfig } from '../hubspot/helpers/adapter.js';

/**
 * The rescore's readers against the sandbox at HubSpot's real limits (5 searches/s, 110 requests/10 s): every
 * contact exactly once through several search readers and the list reader, no 429, and a stopped read resumed
 * from its cursor.
 */
const PORTAL = 31_338;
const CONTACTS = 1_450;

describe('reading every contact through id ranges', () => {
  const space = redisSpace('ranges');
  const { logger } = capturedLogger();
  let sandbox: Sandbox;
  let gateway: HubSpotGateway;
  let all: string[];

  beforeAll(async () => {
    sandbox = await startSandbox({ portals: [{ id: PORTAL, contacts: CONTACTS }] });
    const config = testConfig({ HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, HUBSPOT_OPTIONAL_SCOPES: '' });
    sandbox.registerApp({
      clientId: config.HUBSPOT_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [config.urls.oauthCallback],
      requiredScopes: config.HUBSPOT_SCOPES.split(' '),
    });
    gateway = createHubSpotGateway({ redis: space.redis, keys: space.keys, config, logger });
    const flow = createInstallFlow({ redis: space.redis, keys: space.keys, config, logger });
    const res = await fetch(`${await flow.start()}&auto=1`, { redirect: 'manual' });
    await flow.complete(Object.fromEntries(new URL(res.headers.get('location') ?? '').searchParams));
    all = (await gateway.forPortal(PORTAL).listContacts({ properties: [], limit: 100 })).results.map((c) => c.id);
    for (let after = String(Number(all.at(-1)) + 1); ;) {
      const page = await gateway.forPortal(PORTAL).listContacts({ after, properties: [], limit: 100 });
      all.push(...page.results.map((c) => c.id));
      if (!page.nextAfter) break;
      after = page.nextAfter;
    }
    expect(all).toHaveLength(CONTACTS);
  });
  afterAll(async () => {
    await gateway?.close();
    await sandbox?.close();
    await space.cleanup();
  });

  /**
   * Reads with 3 search readers and a list reader whose gate is always open; stops after `stopAfter` pages.
   * With `late`, every third page is done only after the next one (as when its writes finish later).
   */
  async function read(cursor: string | null, stopAfter = Infinity, late = true) {
    const pages: RangePage[] = [];
    const done: RangePage[] = [];
    const markDone = (page: RangePage) => {
      done.push(page);
      reader.pageDone(page);
    };
    let stop = false;
    const reader = createRangeReader({
      gw: gateway.forPortal(PORTAL), properties: ['email'], ranges: decodeRanges(cursor), chains: 3,
      stopped: () => stop,
      listGate: { open: () => true, wait: async () => undefined, took: () => undefined },
      async onPage(page) {
        pages.push(page);
        // Done in arrival order, except that every third page finishes only after the next one.
        if (!late || pages.length % 3 !== 1) markDone(page);
        if (late && pages.length % 3 === 2) markDone(pages.at(-2)!);
        if (pages.length >= stopAfter) stop = true;
      },
    });
    await reader.run();
    return { pages, done, cursor: reader.cursor() };
  }

  it('reads every contact exactly once, with several readers and list pages, and no 429', async () => {
    const before = sandbox.requests(PORTAL);
    const { pages, cursor } = await read(null);
    const ids = pages.flatMap((p) => p.results.map((c) => c.id));
    expect([...ids].sort()).toEqual([...all].sort());
    expect(new Set(ids).size).toBe(ids.length);
    const after = sandbox.requests(PORTAL);
    const route = (r: string) => (after.byRoute[r] ?? 0) - (before.byRoute[r] ?? 0);
    // Searches split the ranges and the list reader took pages too.
    expect(route('POST /crm/v3/objects/contacts/search')).toBeGreaterThan(3);
    expect(route('GET /crm/v3/objects/contacts')).toBeGreaterThan(0);
    expect((after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0)).toBe(0);
    // Every page was marked done except possibly the last "late" one.
    expect(cursor === null || pages.length % 3 === 1).toBe(true);
  });

  it('resumes from the cursor of a stopped read without skipping a contact', async () => {
    const first = await read(null, 4);
    expect(first.cursor).not.toBeNull();
    expect(first.done.length).toBeLessThan(first.pages.length);
    const done = new Set(first.done.flatMap((p) => p.results.map((c) => c.id)));
    const second = await read(first.cursor, Infinity, false);
    expect(second.cursor).toBeNull();
    const again = second.pages.flatMap((p) => p.results.map((c) => c.id));
    // Nothing is lost: every contact was read by one run or the other.
    expect(all.filter((id) => !done.has(id) && !again.includes(id))).toEqual([]);
    // Pages done are not read again; the resumed run reads the rest (and the pages read but not done).
    expect(again.filter((id) => done.has(id))).toEqual([]);
    expect(again.length).toBeLessThan(CONTACTS);
  });

  it('reads an old single-id cursor and refuses one it cannot read', () => {
    expect(decodeRanges(null)).toEqual([{ after: 0, upTo: null }]);
    expect(decodeRanges('5200')).toEqual([{ after: 5200, upTo: null }]);
    expect(decodeRanges('[[10,20],[30,null]]')).toEqual([{ after: 10, upTo: 20 }, { after: 30, upTo: null }]);
    expect(() => decodeRanges('[["x",1]]')).toThrow(/unreadable rescore cursor/);
  });

  it('spends on list pages only what the writes leave of the 10-second budget', () => {
    const config = { budgetPer10s: 99, searchBudgetPerS: 4.5 };
    // Every contact changes: 90 writes for search's 9,000 contacts per 10 s leave 9 calls, 2 per list page.
    expect(listPagesPer10s(config, 1)).toBe(4.5);
    // Nothing changes: the whole budget reads.
    expect(listPagesPer10s(config, 0)).toBe(99);
    expect(listPagesPer10s({ budgetPer10s: 50, searchBudgetPerS: 4.5 }, 1)).toBe(0);
  });
});
