import type { HistoryEntry } from '../crm/object-store.js';
import type { Portal } from '../crm/portal.js';
import { synthesizeEngagement } from './engagement.js';
import { mapLead } from './map-lead.js';
import { createRng } from './prng.js';
import { readLeads } from './read-leads-csv.js';

/**
 * Fills a portal with contacts from the lead dataset: contact i comes from row i (rows are reused, with fresh
 * identities, when more contacts than rows are asked for), its data drawn from its own PRNG stream `seed:i`, so a
 * (seed, now) pair always gives the same portal. Converted leads become customers with a closed-won deal;
 * leads the sales team lost to a competitor get a closed-lost deal; professionals get a shared company record.
 */
export type SeedOptions = { contacts: number; seed: string; now: number; csvPath?: string };
export type SeedSummary = { contacts: number; customers: number; deals: number; companies: number };

const DAY = 86_400_000;

export function seedPortal(portal: Portal, opts: SeedOptions): SeedSummary {
  const rows = readLeads(opts.csvPath, opts.contacts);
  const companies = new Map<string, string>();
  const summary: SeedSummary = { contacts: 0, customers: 0, deals: 0, companies: 0 };
  for (let i = 0; i < opts.contacts; i++) {
    const row = rows[i % rows.length]!;
    const rng = createRng(`${opts.seed}:${i}`);
    const createdAt = opts.now - rng.int(14, 400) * DAY - rng.int(0, DAY - 1);
    const profile = mapLead(row, Math.floor(i / rows.length), rng);
    const engagement = synthesizeEngagement(row, rng, createdAt, opts.now);
    const { values, problems } = portal.validate('contacts', profile.properties, true);
    if (problems.length) throw new Error(`seed row ${i}: ${problems.map((p) => p.message).join('; ')}`);
    const histories: Record<string, HistoryEntry[]> = {};
    for (const [name, value] of Object.entries(values)) histories[name] = [{ value, timestamp: createdAt, sourceType: 'IMPORT' }];
    Object.assign(histories, engagement.histories);

    const closedAt = Math.max(createdAt, Math.min(opts.now, engagement.lastActivityAt + rng.int(0, 7) * DAY));
    const lifecycle: HistoryEntry[] = [{ value: 'lead', timestamp: createdAt, sourceType: 'IMPORT' }];
    if (engagement.mqlAt !== undefined && (!row.converted || engagement.mqlAt < closedAt)) {
      lifecycle.push({ value: 'marketingqualifiedlead', timestamp: Math.max(createdAt + 1, engagement.mqlAt), sourceType: 'AUTOMATION' });
    }
    if (row.converted) lifecycle.push({ value: 'customer', timestamp: Math.max(createdAt + 2, closedAt), sourceType: 'CRM_UI' });
    histories.lifecyclestage = lifecycle;
    const contact = portal.seedRecord('contacts', createdAt, histories);
    summary.contacts++;

    if (profile.company) {
      let companyId = companies.get(profile.company.name);
      if (!companyId) {
        const c = profile.company;
        const entries = { name: c.name, domain: c.domain, industry: c.industry, numberofemployees: c.numberofemployees };
        companyId = portal.seedRecord('companies', createdAt, Object.fromEntries(
          Object.entries(entries).map(([k, v]) => [k, [{ value: v, timestamp: createdAt, sourceType: 'IMPORT' }]]),
        )).id;
        companies.set(c.name, companyId);
        summary.companies++;
      }
      portal.associations.add('contacts', contact.id, 'companies', companyId);
    }

    const lost = /^Lost to/i.test(row.tags);
    if (row.converted || lost) {
      const at = row.converted ? closedAt : Math.min(opts.now, engagement.lastActivityAt + DAY);
      const stage = row.converted ? 'closedwon' : 'closedlost';
      const deal = portal.seedRecord('deals', Math.max(createdAt, at - rng.int(1, 20) * DAY), {
        dealname: [{ value: `${profile.properties.company ?? `${profile.properties.firstname} ${profile.properties.lastname}`} – ${profile.program}`, timestamp: at, sourceType: 'CRM_UI' }],
        dealstage: [{ value: stage, timestamp: at, sourceType: 'CRM_UI' }],
        pipeline: [{ value: 'default', timestamp: at, sourceType: 'CRM_UI' }],
        amount: [{ value: String(rng.int(28, 55) * 100), timestamp: at, sourceType: 'CRM_UI' }],
        closedate: [{ value: new Date(at).toISOString(), timestamp: at, sourceType: 'CRM_UI' }],
      });
      portal.associations.add('contacts', contact.id, 'deals', deal.id);
      summary.deals++;
      if (row.converted) summary.customers++;
    }
  }
  return summary;
}
