import type { Clock } from '../clock.js';
import type { Portal } from '../crm/portal.js';
import { mapLead } from '../seed/map-lead.js';
import { createRng, type Rng } from '../seed/prng.js';
import { readLeads } from '../seed/read-leads-csv.js';
import { ACTIVITY_WEIGHTS, performActivity, type Activity } from './activities.js';

/**
 * Leads doing things over time: every `intervalMs`, `perTick` random contacts of each portal engage (visits
 * including the pricing page, email opens and clicks, form submissions including demo requests, meetings), and
 * now and then a new lead arrives through a form. `tick()` runs one round on demand (tests drive it instead of
 * waiting); `burst()` applies many activities at once (an import or a campaign send).
 */
export type SimulatorOptions = { intervalMs: number; perTick: number; newContactShare: number; seed: string; csvPath?: string };
export const DEFAULT_SIMULATOR_OPTIONS: SimulatorOptions = { intervalMs: 2_000, perTick: 3, newContactShare: 0.05, seed: 'sandbox' };

export type SimulatedEvent = Activity | { portalId: number; contactId: string; kind: 'new_contact'; at: number; changes: Record<string, string> };

export class ActivitySimulator {
  private timer?: NodeJS.Timeout;
  private readonly rng: Rng;
  private created = 0;

  constructor(private readonly portals: () => Portal[], private readonly clock: Clock, readonly options: SimulatorOptions = DEFAULT_SIMULATOR_OPTIONS) {
    this.rng = createRng(`${options.seed}:simulator`);
  }

  get running(): boolean { return this.timer !== undefined; }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: `perTick` events in every portal. */
  tick(): SimulatedEvent[] {
    return this.portals().flatMap((p) => this.burst(p, this.options.perTick));
  }

  /** `count` events in one portal, right now. */
  burst(portal: Portal, count: number): SimulatedEvent[] {
    const out: SimulatedEvent[] = [];
    for (let i = 0; i < count; i++) {
      const event = this.rng.chance(this.options.newContactShare) ? this.newContact(portal) : this.engage(portal);
      if (event) out.push(event);
    }
    return out;
  }

  private engage(portal: Portal): Activity | undefined {
    const store = portal.objects.contacts;
    if (store.size === 0) return undefined;
    // Engagement is concentrated: half of it comes from a small set of "hot" leads (2 % of contacts, spread
    // over the id range), so over a demo some leads visibly heat up instead of everyone warming a little.
    const hot = Math.max(5, Math.floor(store.size * 0.02));
    const index = this.rng.chance(0.5) ? (this.rng.int(0, hot - 1) * 7919) % store.size : this.rng.int(0, store.size - 1);
    const rec = store.nth(index);
    if (!rec) return undefined;
    return performActivity(portal, rec, this.rng.weighted(ACTIVITY_WEIGHTS), this.rng, this.clock.now());
  }

  private newContact(portal: Portal): SimulatedEvent {
    // New leads come from the dataset's first rows (parsed once, cheaply).
    const rows = readLeads(this.options.csvPath, 1000);
    const n = this.created++;
    const rowRng = createRng(`${this.options.seed}:new:${portal.id}:${n}`);
    const row = rows[rowRng.int(0, rows.length - 1)]!;
    const profile = mapLead(row, 1000 + n, rowRng);
    const at = this.clock.now();
    const form = { recent_conversion_event_name: 'Course enquiry (landing page)', recent_conversion_date: new Date(at).toISOString(), num_conversion_events: '1', first_conversion_event_name: 'Course enquiry (landing page)' };
    const { values, problems } = portal.validate('contacts', { ...profile.properties, ...form }, true);
    if (problems.length) throw new Error(`simulated new contact: ${problems.map((p) => p.message).join('; ')}`);
    const rec = portal.create('contacts', values, { sourceType: 'FORM' }, { at });
    return { portalId: portal.id, contactId: rec.id, kind: 'new_contact', at, changes: values };
  }
}
