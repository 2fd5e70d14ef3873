import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { createLogger } from '../../src/logger.js';
import { createPipelineContext } from '../../src/queue/context.js';
import { createScheduler } from '../../src/queue/scheduler.js';
import { compileModel, evaluate } from '../../src/scoring/index.js';
import { boundLedger, eventsFromHistory, eventsFromProperties, mergeEvents, SIGNAL_PROPERTIES, syncProperties } from '../../src/signals/index.js';
import { readCard } from '../../src/web/api/card-handlers.js';
import { scoreFigures } from '../../src/web/api/score-view.js';
import { checkAgainstEngine } from './helpers/engine-check.js';
import { startStack, type Stack } from './helpers/stack.js';

const CONTACTS = 250;
/** Cards that read their contact through the gateway (the rest are given the properties the gateway would return). */
const READ_THROUGH_GATEWAY = 15;

/**
 * The card recomputes the breakdown instead of storing the engine's result: on a seeded sandbox portal after the
 * install's backfill, every contact's card must equal what the engine gives directly from the sandbox's own data
 * (current properties and the events their property history proves: the reference path, no app state), evaluated
 * at the moment the app scored the contact. That is the result the store used to keep and the card used to show,
 * so the card is unchanged; the written HubSpot properties equal the engine too.
 */
describe('the card’s recomputed breakdown on a seeded portal', () => {
  let stack: Stack;
  let installedAt = 0;

  beforeAll(async () => {
    stack = await startStack({ contacts: CONTACTS, seed: 'card-exact', roles: ['web', 'worker'] });
    installedAt = Date.now();
    await stack.install();
    await stack.backfillDone(30_000);
    await stack.idle(15_000);
  });
  afterAll(() => stack?.close());

  it('equals the engine on the sandbox’s own data for every contact, and so do the written properties', async () => {
    const { sandbox, portalId, redis, keys, config, stores } = stack;
    const logger = createLogger({ level: 'silent' });
    const gateway = createHubSpotGateway({ redis, keys, config, logger });
    let now = 0;
    const ctx = createPipelineContext({ redis, keys, config, logger, gateway, scheduler: createScheduler({ queue: stack.queue }), clock: () => now });
    try {
      const [{ model, modelId, version }] = await stores.models.listPublished(portalId) as [{ model: Parameters<typeof compileModel>[0]; modelId: string; version: number }];
      const compiled = compileModel(model);
      const portal = sandbox.portal(portalId);
      const contacts = [...portal.objects.contacts.all()];
      const last = await stores.scores.readLast(portalId, contacts.map((c) => c.id));
      const bounds = { maxAgeDays: config.LEDGER_MAX_AGE_DAYS, maxEvents: config.LEDGER_MAX_EVENTS };
      let scored = 0;
      let outOfScope = 0;
      for (const [i, rec] of contacts.entries()) {
        const properties = Object.fromEntries(syncProperties([model]).map((p) => [p, portal.value('contacts', rec, p)]));
        const history = Object.fromEntries(SIGNAL_PROPERTIES.map((p) => [p, portal.historyOf('contacts', rec, p).map((h) => ({ value: h.value, timestamp: new Date(h.timestamp).toISOString() }))]));
        const stored = last.get(rec.id)?.get(modelId);
        now = stored?.scoredAt ?? Date.now();
        const current = eventsFromProperties(properties);
        const expected = evaluate(compiled, { properties, events: mergeEvents(boundLedger(mergeEvents(eventsFromHistory(history), current), now, bounds), current) }, now);
        const card = await readCard(ctx, portalId, rec.id, i < READ_THROUGH_GATEWAY ? undefined : properties);
        if (!expected.inScope) {
          expect(card.state, `contact ${rec.id}`).toBe('out-of-scope');
          outOfScope++;
          continue;
        }
        expect(stored, `contact ${rec.id} has a stored score`).toBeDefined();
        expect(card.state === 'scored' && card.scoredAt, `contact ${rec.id}`).toBe(new Date(stored!.scoredAt).toISOString());
        if (card.state !== 'scored') continue;
        const { state: _s, contactId: _c, model: ref, scoredAt: _a, history: _h, fitProperties: _f, ...figures } = card;
        expect(ref).toEqual({ id: modelId, name: model.name, version });
        expect(figures, `contact ${rec.id}`).toEqual(scoreFigures(model, expected));
        scored++;
      }
      // Most contacts are scored with a non-trivial breakdown; customers are outside the starter model's scope.
      expect(scored).toBeGreaterThan(CONTACTS / 2);
      expect(outOfScope).toBe(sandbox.seeded.get(portalId)!.customers);
      // The card found every score as written: nothing was marked for rescoring.
      expect((await stores.dirty.pending(portalId)).dirty).toBe(0);

      const check = await checkAgainstEngine(stack, installedAt);
      expect(check.mismatches).toEqual([]);
      expect(check.lost).toEqual([]);
    } finally {
      await gateway.close();
    }
  }, 120_000);
});
