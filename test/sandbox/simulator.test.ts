import { describe, expect, it } from 'vitest';
import type { CrmChange } from '../../src/sandbox/crm/changes.js';
import { Portal } from '../../src/sandbox/crm/portal.js';
import { manualClock } from '../../src/sandbox/index.js';
import { seedPortal } from '../../src/sandbox/seed/seed-portal.js';
import { ActivitySimulator, DEFAULT_SIMULATOR_OPTIONS, type SimulatorOptions } from '../../src/sandbox/simulator/activity-simulator.js';

/** The activity simulator: engagement as property changes, with history and change events (→ webhooks). */
const NOW = Date.parse('2026-07-01T10:00:00Z');

function setup(options: Partial<SimulatorOptions> = {}) {
  const clock = manualClock(NOW);
  const portal = new Portal(36_000_001, clock);
  seedPortal(portal, { contacts: 50, seed: 'sim', now: NOW });
  const changes: CrmChange[] = [];
  portal.onChange((c) => changes.push(c));
  const simulator = new ActivitySimulator(() => [portal], clock, { ...DEFAULT_SIMULATOR_OPTIONS, newContactShare: 0, ...options });
  return { clock, portal, changes, simulator };
}

describe('the activity simulator', () => {
  it('makes perTick contacts engage on each tick, recording history and one change event per changed property', () => {
    const { clock, portal, changes, simulator } = setup({ perTick: 4 });
    clock.advance(60_000);
    const events = simulator.tick();
    expect(events).toHaveLength(4);
    for (const e of events) {
      const rec = portal.objects.contacts.get(e.contactId)!;
      expect(Object.keys(e.changes).length).toBeGreaterThan(0);
      for (const name of Object.keys(e.changes)) {
        const top = portal.historyOf('contacts', rec, name)[0]!;
        expect(top.timestamp).toBe(NOW + 60_000);
      }
    }
    expect(changes.every((c) => c.kind === 'propertyChange')).toBe(true);
    expect(changes.map((c) => [c.objectId, c.propertyName])).toEqual(events.flatMap((e) => Object.keys(e.changes).map((n) => [e.contactId, n])));
  });

  it('produces pricing-page visits, demo requests, email clicks and meetings over a burst', () => {
    const { portal, simulator, changes } = setup();
    const events = simulator.burst(portal, 400);
    const kinds = new Set(events.map((e) => e.kind));
    expect(kinds).toEqual(new Set(['page_view', 'email_open', 'email_click', 'email_reply', 'form_submission', 'meeting_booked']));
    expect(events.some((e) => e.changes.hs_analytics_last_url?.endsWith('/pricing'))).toBe(true);
    expect(events.some((e) => e.changes.recent_conversion_event_name === 'Demo request')).toBe(true);
    const click = changes.find((c) => c.propertyName === 'hs_email_last_click_date')!;
    expect([click.source.sourceType, click.propertyValue]).toEqual(['EMAIL', String(NOW)]);
    expect(changes.find((c) => c.propertyName === 'engagements_last_meeting_booked')?.source.sourceType).toBe('MEETINGS');
  });

  it('sends contacts who opted out of email to the website instead of their inbox', () => {
    const { portal, simulator } = setup();
    const events = simulator.burst(portal, 300);
    for (const e of events) {
      const optedOut = portal.value('contacts', portal.objects.contacts.get(e.contactId)!, 'hs_email_optout') === 'true';
      if (optedOut) expect(e.kind.startsWith('email_')).toBe(false);
    }
  });

  it('brings in new leads through a form, reported as creations', () => {
    const { portal, simulator, changes } = setup({ newContactShare: 1 });
    const events = simulator.burst(portal, 3);
    expect(events.map((e) => e.kind)).toEqual(['new_contact', 'new_contact', 'new_contact']);
    expect(portal.objects.contacts.size).toBe(53);
    expect(changes.map((c) => [c.kind, c.objectId, c.source.sourceType])).toEqual(events.map((e) => ['creation', e.contactId, 'FORM']));
    expect(portal.value('contacts', portal.objects.contacts.get(events[0]!.contactId)!, 'recent_conversion_event_name')).toBe('Course enquiry (landing page)');
  });

  it('repeats the same activity for the same seed', () => {
    const a = setup({ seed: 'same' });
    const b = setup({ seed: 'same' });
    const summary = (s: ReturnType<typeof setup>) => s.simulator.burst(s.portal, 30).map((e) => [e.kind, e.contactId, e.changes]);
    expect(summary(a)).toEqual(summary(b));
  });

  it('runs on its interval once started, until stopped', async () => {
    const { simulator, portal } = setup({ intervalMs: 10, perTick: 1 });
    const next = new Promise<CrmChange>((resolve) => portal.onChange(resolve));
    simulator.start();
    expect(simulator.running).toBe(true);
    expect((await next).kind).toBe('propertyChange');
    simulator.stop();
    expect(simulator.running).toBe(false);
  });
});
