import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/sandbox/index.js';
import { Portal } from '../../src/sandbox/crm/portal.js';
import { seedPortal } from '../../src/sandbox/seed/seed-portal.js';
import { ActivitySimulator, DEFAULT_SIMULATOR_OPTIONS } from '../../src/sandbox/simulator/activity-simulator.js';
import { compileModel, evaluate, modelProperties, parseModel } from '../../src/scoring/index.js';
import { eventsFromHistory, SIGNAL_MAPPINGS, WATCHED_PROPERTIES } from '../../src/signals/index.js';

/**
 * The seed data is realistic enough for the starter model: scored by the real engine from the real signals
 * (as a backfill would), its rules fire on some of the leads still in scope, some leads are MQLs, and simulated
 * engagement heats leads up over time.
 */
const NOW = Date.parse('2026-05-15T09:00:00Z');
const parsed = parseModel(JSON.parse(readFileSync('examples/starter-model.json', 'utf8')));
if (!parsed.ok) throw new Error('the starter model does not parse');
const compiled = compileModel(parsed.model);
const properties = modelProperties(parsed.model);
const historyProperties = [...Object.keys(SIGNAL_MAPPINGS), ...WATCHED_PROPERTIES, 'hs_analytics_last_visit_timestamp', 'recent_conversion_date'];

function scoreAll(portal: Portal, now: number) {
  const fired: Record<string, number> = {};
  const stages: Record<string, number> = {};
  for (const rec of portal.objects.contacts.all()) {
    const props = Object.fromEntries(properties.map((n) => [n, portal.value('contacts', rec, n)]));
    const history = Object.fromEntries(historyProperties.map((n) => [n, portal.historyOf('contacts', rec, n).map((h) => ({ value: h.value, timestamp: h.timestamp }))]));
    const result = evaluate(compiled, { properties: props, events: eventsFromHistory(history) }, now);
    if (!result.inScope) continue;
    stages[result.stage] = (stages[result.stage] ?? 0) + 1;
    for (const b of result.breakdown) fired[b.ruleId] = (fired[b.ruleId] ?? 0) + 1;
  }
  return { fired, stages };
}

describe('the seed data under the starter model', () => {
  it('fires every fit and engagement rule except the competitor one on leads still in scope, and makes some MQLs', () => {
    const clock = manualClock(NOW);
    const portal = new Portal(37_000_001, clock);
    seedPortal(portal, { contacts: 1000, seed: 'starter', now: NOW });
    const before = scoreAll(portal, NOW);
    for (const rule of ['senior_title', 'student', 'company_size', 'industry_fit', 'free_mail', 'pricing_page', 'demo_request', 'meeting_booked', 'email_click']) {
      expect(before.fired[rule] ?? 0, rule).toBeGreaterThanOrEqual(3);
    }
    expect(before.fired.competitor).toBeUndefined();
    expect(before.stages.MQL ?? 0).toBeGreaterThanOrEqual(1);

    const simulator = new ActivitySimulator(() => [portal], clock, { ...DEFAULT_SIMULATOR_OPTIONS, newContactShare: 0 });
    for (let minute = 0; minute < 60; minute++) {
      clock.advance(60_000);
      simulator.burst(portal, 50);
    }
    const after = scoreAll(portal, clock.now());
    const qualified = (s: Record<string, number>) => (s.MQL ?? 0) + (s.SQL ?? 0);
    expect(qualified(after.stages)).toBeGreaterThan(qualified(before.stages) + 10);
  });
});
