import type { ContactInput, ScoringEvent } from '../src/scoring/index.js';

/** Synthetic but realistic contacts for the engine benchmark: seeded, so every run scores the same work. */
export const BENCH_NOW = Date.parse('2025-06-02T09:00:00Z');
const NOW = BENCH_NOW;
const DAY = 86_400_000;

/** A small deterministic PRNG (mulberry32), so every run scores the same contacts. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['VP of Marketing', 'Marketing Manager', 'Director of IT', 'Software Engineer', 'Head of Growth', 'CEO', 'Student', 'Sales Representative', '', 'Chief Revenue Officer'];
const INDUSTRIES = ['Computer Software', 'Retail', 'Financial Services', 'Internet', 'Hospital & Health Care', 'SaaS', '', 'Education'];
const DOMAINS = ['gmail.com', 'northwind.com', 'contoso.io', 'yahoo.com', '6sense.com', 'fabrikam.eu', 'outlook.com', 'acme.co'];
const STAGES = ['lead', 'lead', 'marketingqualifiedlead', 'subscriber', 'opportunity', 'customer'];
const PAGES = ['/pricing', '/pricing#enterprise', '/blog/lead-scoring', '/features', '/customers', '/docs/api'];
const FORMS = ['Request a demo', 'Newsletter signup', 'Download the ebook', 'Book a demo'];

/**
 * `n` varied contacts with `eventsPerContact` events each, over the 120 days before {@link BENCH_NOW}. Event
 * times are epoch ms (as the pipeline's ledger stores them) or ISO strings (as a hand-written JSONL file has them).
 */
export function makeContacts(n: number, eventsPerContact: number, times: 'epoch' | 'iso' = 'epoch'): ContactInput[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const domain = pick(DOMAINS);
    const events: ScoringEvent[] = Array.from({ length: eventsPerContact }, () => {
      const ms = NOW - Math.floor(r() * 120 * DAY);
      const at = times === 'iso' ? new Date(ms).toISOString() : ms;
      const kind = r();
      if (kind < 0.45) return { type: 'page_view', at, url: `https://www.acmeanalytics.io${pick(PAGES)}` };
      if (kind < 0.65) return { type: 'email_open', at, campaign: 'Monthly update' };
      if (kind < 0.85) return { type: 'email_click', at, campaign: 'Monthly update' };
      if (kind < 0.95) return { type: 'form_submission', at, form: pick(FORMS) };
      return { type: 'meeting_booked', at };
    });
    return {
      properties: {
        email: `person${i}@${domain}`,
        hs_email_domain: domain,
        jobtitle: pick(TITLES),
        company: pick(['Northwind', 'Contoso', '6sense', 'Acme', '']),
        numberofemployees: String(Math.floor(r() * 10_000)),
        industry: pick(INDUSTRIES),
        lifecyclestage: pick(STAGES),
      },
      events,
    };
  });
}

