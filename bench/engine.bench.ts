/**
 * Engine benchmark (`npm run bench:engine`): scores the starter model (10 rules: 6 on properties, 4 on events with
 * half-life, linear and window decay) over synthetic contacts with 20 events each, on one core, and prints
 * contacts per second and the p99 time of a batch of 100 (the worker's batch size). The contacts are varied and
 * seeded, so each run measures the same work; event times are ISO strings, as the sync stores them.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModel, evaluate, parseModel, type ContactInput, type ScoringEvent } from '../src/scoring/index.js';

export type EngineBenchResult = {
  contactsPerSecond: number;
  p99BatchMs: number;
  contacts: number;
  rules: number;
  eventsPerContact: number;
  cpu: string;
  node: string;
};

const MODEL_PATH = fileURLToPath(new URL('../examples/starter-model.json', import.meta.url));
const NOW = Date.parse('2025-06-02T09:00:00Z');
const DAY = 86_400_000;
const BATCH = 100;

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

function makeContacts(n: number, eventsPerContact: number): ContactInput[] {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return Array.from({ length: n }, (_, i) => {
    const domain = pick(DOMAINS);
    const events: ScoringEvent[] = Array.from({ length: eventsPerContact }, () => {
      const at = new Date(NOW - Math.floor(r() * 120 * DAY)).toISOString();
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

/** Runs the benchmark and returns its figures (the combined `npm run bench` calls this). */
export async function benchEngine(options: { contacts?: number; rounds?: number } = {}): Promise<EngineBenchResult> {
  const parsed = parseModel(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(`starter model invalid: ${JSON.stringify(parsed.errors)}`);
  const compiled = compileModel(parsed.model);
  const eventsPerContact = 20;
  const contacts = makeContacts(options.contacts ?? 20_000, eventsPerContact);
  const rounds = options.rounds ?? 10;
  let sink = 0; // keeps the optimiser from discarding results
  for (let warm = 0; warm < 3; warm++) for (const c of contacts) sink += evaluate(compiled, c, NOW).inScope ? 1 : 0;

  const batchMs: number[] = [];
  let scored = 0;
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contacts.length; i += BATCH) {
      const t0 = performance.now();
      for (let j = i; j < i + BATCH && j < contacts.length; j++) {
        const result = evaluate(compiled, contacts[j] as ContactInput, NOW + round);
        if (result.inScope) sink += result.total;
        scored++;
      }
      batchMs.push(performance.now() - t0);
    }
  }
  const elapsedS = (performance.now() - started) / 1000;
  if (sink === -1) console.log(sink);
  batchMs.sort((a, b) => a - b);
  const rules = parsed.model.fit.groups.concat(parsed.model.engagement.groups).reduce((n, g) => n + g.rules.length, 0);
  return {
    contactsPerSecond: Math.round(scored / elapsedS),
    p99BatchMs: Number((batchMs[Math.min(batchMs.length - 1, Math.floor(batchMs.length * 0.99))] ?? 0).toFixed(3)),
    contacts: scored,
    rules,
    eventsPerContact,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchEngine();
  console.log(`engine: ${r.rules}-rule model, ${r.eventsPerContact} events per contact, ${r.contacts} evaluations on one core`);
  console.log(`  ${r.contactsPerSecond.toLocaleString('en-US')} contacts/s`);
  console.log(`  p99 ${r.p99BatchMs} ms per batch of ${BATCH}`);
  console.log(`  machine: ${r.cpu}, ${cpus().length} cores, node ${r.node}`);
}
