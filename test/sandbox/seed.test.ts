import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CrmRecord } from '../../src/sandbox/crm/object-store.js';
import { Portal } from '../../src/sandbox/crm/portal.js';
import { seedPortal } from '../../src/sandbox/seed/seed-portal.js';
import { manualClock } from '../../src/sandbox/index.js';

/** Seeding from data/leads-x-education.csv: the mapping of known rows, realism, and determinism. */
const NOW = Date.parse('2026-05-15T09:00:00Z');
const DAY = 86_400_000;

function seeded(contacts: number, seed = 'seed-test'): Portal {
  const portal = new Portal(35_000_001, manualClock(NOW));
  seedPortal(portal, { contacts, seed, now: NOW });
  return portal;
}
const value = (p: Portal, id: string, name: string) => p.value('contacts', p.objects.contacts.get(id)!, name);
const values = (p: Portal, id: string, names: string[]) => Object.fromEntries(names.map((n) => [n, value(p, id, n)]));

describe('seeding a portal from the lead dataset', () => {
  const portal = seeded(600);

  it('maps row 1 (API, Olark Chat, unemployed, last activity a page visit) to HubSpot properties', () => {
    expect(values(portal, '1001', [
      'hs_analytics_source', 'hs_analytics_source_data_1', 'hs_email_optout', 'lifecyclestage', 'jobtitle', 'company', 'industry', 'country', 'city',
      'hs_analytics_num_visits', 'xed_lead_number', 'xed_lead_origin', 'xed_occupation', 'xed_time_on_website', 'xed_tags', 'xed_lead_quality',
      'xed_lead_profile', 'xed_last_activity', 'xed_free_ebook',
    ])).toEqual({
      hs_analytics_source: 'OTHER_CAMPAIGNS', hs_analytics_source_data_1: 'Olark Chat', hs_email_optout: 'false', lifecyclestage: 'lead',
      jobtitle: null, company: null, industry: null, country: null, city: null,
      hs_analytics_num_visits: '1', // the row says 0 visits but a page visit as its last activity
      xed_lead_number: '660737', xed_lead_origin: 'API', xed_occupation: 'Unemployed', xed_time_on_website: '0',
      xed_tags: 'Interested in other courses', xed_lead_quality: 'Low in Relevance', xed_lead_profile: null,
      xed_last_activity: 'Page Visited on Website', xed_free_ebook: 'false',
    });
    const rec = portal.objects.contacts.get('1001')!;
    const visits = portal.historyOf('contacts', rec, 'hs_analytics_last_url');
    expect(visits).toHaveLength(1);
    expect(visits[0]!.timestamp).toBe(newestEngagement(portal, rec));
  });

  it('maps row 2 (Organic Search, 5 visits of 2.5 pages, last activity an email open)', () => {
    expect(values(portal, '1002', ['hs_analytics_source', 'hs_analytics_num_visits', 'hs_analytics_num_page_views', 'country', 'xed_lead_quality', 'lifecyclestage']))
      .toEqual({ hs_analytics_source: 'ORGANIC_SEARCH', hs_analytics_num_visits: '5', hs_analytics_num_page_views: '13', country: 'India', xed_lead_quality: null, lifecyclestage: 'lead' });
    const rec = portal.objects.contacts.get('1002')!;
    // One session per visit; a page seen on consecutive visits is one value in the URL's history.
    expect(portal.historyOf('contacts', rec, 'hs_analytics_last_visit_timestamp')).toHaveLength(5);
    expect(portal.historyOf('contacts', rec, 'hs_analytics_last_url').length).toBeLessThanOrEqual(5);
    const opens = portal.historyOf('contacts', rec, 'hs_email_last_open_date');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens[0]!.timestamp).toBe(newestEngagement(portal, rec));
  });

  it('maps row 3 (converted student, Business Administration, Mumbai, e-book) to a customer with a closed-won deal', () => {
    expect(values(portal, '1003', ['hs_analytics_source', 'lifecyclestage', 'jobtitle', 'industry', 'xed_specialization', 'country', 'city', 'xed_free_ebook', 'first_conversion_event_name', 'hs_analytics_num_page_views']))
      .toEqual({
        hs_analytics_source: 'DIRECT_TRAFFIC', lifecyclestage: 'customer', jobtitle: 'Student', industry: 'Management Consulting',
        xed_specialization: 'Business Administration', country: 'India', city: 'Mumbai', xed_free_ebook: 'true',
        first_conversion_event_name: 'Course enquiry (landing page)', hs_analytics_num_page_views: '4',
      });
    const names = portal.historyOf('contacts', portal.objects.contacts.get('1003')!, 'recent_conversion_event_name').map((h) => h.value);
    expect(names).toContain('Mastering The Interview e-book');
    const deals = portal.associations.of('contacts', '1003', 'deals');
    expect(deals).toHaveLength(1);
    expect(portal.value('deals', portal.objects.deals.get(deals[0]!.toId)!, 'dealstage')).toBe('closedwon');
  });

  it('makes exactly the converted rows customers, each with a closed-won deal', () => {
    const rows = parse(readFileSync('data/leads-x-education.csv'), { columns: true, to: 600 }) as { Converted: string }[];
    const converted = rows.map((r, i) => [String(1001 + i), r.Converted === '1'] as const);
    for (const [id, isCustomer] of converted) {
      expect(value(portal, id, 'lifecyclestage') === 'customer').toBe(isCustomer);
      const won = portal.associations.of('contacts', id, 'deals').some((d) => portal.value('deals', portal.objects.deals.get(d.toId)!, 'dealstage') === 'closedwon');
      expect(won).toBe(isCustomer);
    }
    expect(converted.filter(([, c]) => c).length).toBeGreaterThan(150);
  });

  it('keeps engagement history in the last 90 days and after each contact was created', () => {
    let checked = 0;
    for (const rec of portal.objects.contacts.all()) {
      for (const [, entries] of rec.history) {
        for (const h of entries) {
          if (!['ANALYTICS', 'EMAIL', 'MEETINGS', 'SALES'].includes(h.sourceType)) continue;
          expect(h.timestamp).toBeLessThanOrEqual(NOW);
          expect(h.timestamp).toBeGreaterThanOrEqual(Math.max(rec.createdAt, NOW - 90 * DAY));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('gives some contacts B2B fit data and buying signals: seniority titles, company sizes, pricing visits, demo requests, meetings', () => {
    const all = [...portal.objects.contacts.all()];
    const count = (f: (r: CrmRecord) => boolean) => all.filter(f).length;
    const history = (r: CrmRecord, name: string) => portal.historyOf('contacts', r, name).map((h) => h.value);
    expect(count((r) => /^(VP|Director|Head|Chief)/.test(value(portal, r.id, 'jobtitle') ?? ''))).toBeGreaterThan(10);
    expect(count((r) => Number(value(portal, r.id, 'numberofemployees')) >= 1000)).toBeGreaterThan(10);
    expect(count((r) => portal.associations.of('contacts', r.id, 'companies').length === 1)).toBe(count((r) => value(portal, r.id, 'company') !== null));
    expect(count((r) => history(r, 'hs_analytics_last_url').some((u) => u.endsWith('/pricing')))).toBeGreaterThan(20);
    expect(count((r) => history(r, 'recent_conversion_event_name').includes('Demo request'))).toBeGreaterThan(10);
    expect(count((r) => value(portal, r.id, 'engagements_last_meeting_booked') !== null)).toBeGreaterThan(10);
    expect(count((r) => value(portal, r.id, 'hs_email_optout') === 'true')).toBeGreaterThan(10);
  });

  it('is deterministic for a seed and a time, and contact i does not depend on how many are seeded', () => {
    const dump = (p: Portal, n: number) => [...p.objects.contacts.all()].slice(0, n).map((r) => [r.id, r.createdAt, [...r.history]]);
    expect(JSON.stringify(dump(seeded(40), 40))).toBe(JSON.stringify(dump(portal, 40)));
    expect(value(seeded(5, 'other-seed'), '1001', 'email')).not.toBe(value(portal, '1001', 'email'));
  });

  it('reuses rows with fresh, unique identities when more contacts than rows are asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leads-'));
    const csvPath = join(dir, 'three-rows.csv');
    writeFileSync(csvPath, readFileSync('data/leads-x-education.csv', 'utf8').split('\n').slice(0, 4).join('\n'));
    const small = new Portal(35_000_002, manualClock(NOW));
    seedPortal(small, { contacts: 7, seed: 'wrap', now: NOW, csvPath });
    expect(small.objects.contacts.size).toBe(7);
    expect([...small.objects.contacts.all()].map((r) => small.value('contacts', r, 'xed_lead_number')))
      .toEqual(['660737', '660728', '660727', '660737', '660728', '660727', '660737']);
    expect(new Set([...small.objects.contacts.all()].map((r) => small.value('contacts', r, 'email'))).size).toBe(7);
    expect(new Set([...small.objects.contacts.all()].map((r) => small.value('contacts', r, 'xed_prospect_id'))).size).toBe(7);
    rmSync(dir, { recursive: true });
  });
});

function newestEngagement(p: Portal, rec: CrmRecord): number {
  let newest = 0;
  for (const [, entries] of rec.history) for (const h of entries) if (h.sourceType !== 'IMPORT' && h.sourceType !== 'CRM_UI') newest = Math.max(newest, h.timestamp);
  return newest;
}
