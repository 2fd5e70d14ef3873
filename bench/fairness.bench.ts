/**
 * `npm run bench:fairness`: one portal's big backfill must not delay other portals' fresh webhooks. A sandbox
 * hosting two identical big portals of `--contacts` contacts (default 100,000) and `--small` small portals
 * (default 20, of `--small-contacts` each), each portal with HubSpot's limits of its own; the app as one web and
 * one worker process (`--workers`, `--concurrency` slots each and `--fresh-slots` kept for fresh work) on a redis-server of the benchmark's own. The small portals are installed (through OAuth)
 * and backfilled first. Then the first big portal is installed and its backfill measured alone; then, while every
 * small portal receives a steady trickle of changes (`--per-second` each, as signed webhooks), the second big
 * portal's backfill is measured. Prints the two backfill rates and their ratio (target ≥ 0.9), and the small
 * portals' freshness (change in HubSpot → score written back) per portal and overall against the settle window
 * + 2 s, and each portal's HubSpot calls and 429s.
 */
import { parseArgs } from 'node:util';
import { inParallel, startFleetStack, type FleetStack } from './lib/fleet-stack.js';
import { startTrickle, summarize } from './lib/trickle.js';

const { values: arg } = parseArgs({
  options: {
    contacts: { type: 'string', default: '100000' },
    small: { type: 'string', default: '20' },
    'small-contacts': { type: 'string', default: '100' },
    'per-second': { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
    /** Job slots per worker process (WORKER_CONCURRENCY; the app's default when not given). */
    concurrency: { type: 'string' },
    /** Slots per worker process kept for fresh work (WORKER_FRESH_SLOTS; the app's default when not given). */
    'fresh-slots': { type: 'string' },
  },
});
const bigContacts = Number(arg.contacts);
const status = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);
const n = (v: number) => v.toLocaleString('en-US');

const BIG_ALONE = 50_000_001;
const BIG_SHARED = 50_000_002;
const smalls = Array.from({ length: Number(arg.small) }, (_, i) => 50_000_101 + i);

type BackfillRun = { contacts: number; seconds: number; rate: number; steadyRate: number; calls: number; rateLimited: number };

/** Installs the portal through OAuth and follows its backfill to the end (rate from the progress the worker saves). */
async function backfill(stack: FleetStack, portalId: number): Promise<BackfillRun> {
  const before = stack.sandbox.requests(portalId);
  await stack.install(portalId);
  const samples: { t: number; seen: number }[] = [];
  const deadline = Date.now() + 60 * 60_000;
  let p = await stack.progress.get(portalId, 'backfill');
  let shown = 0;
  while (p?.status === 'running') {
    samples.push({ t: Date.now(), seen: p.seen });
    if (p.seen - shown >= 10_000) status(`  backfill of ${portalId}: ${n((shown = p.seen))} contacts`);
    if (Date.now() > deadline) throw new Error('backfill did not finish within an hour');
    await new Promise((r) => setTimeout(r, 250));
    p = await stack.progress.get(portalId, 'backfill');
  }
  if (p?.status !== 'done' || p.finishedAt === undefined) throw new Error(`backfill ended as ${p?.status}: ${p?.error ?? ''}`);
  const after = stack.sandbox.requests(portalId);
  const seconds = (p.finishedAt - p.startedAt) / 1000;
  // The first 10 s start with a full 10-second budget: the steady rate is measured after them.
  const from = samples.find((s) => s.t >= p!.startedAt + 10_000);
  const steadyRate = from && p.finishedAt > from.t ? ((p.seen - from.seen) * 1000) / (p.finishedAt - from.t) : p.seen / seconds;
  return {
    contacts: p.seen, seconds, rate: p.seen / seconds, steadyRate,
    calls: after.total - before.total, rateLimited: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
  };
}

const line = (label: string, r: BackfillRun) =>
  `${label}: ${n(r.contacts)} contacts in ${r.seconds.toFixed(1)} s = ${r.rate.toFixed(0)}/s (after its first 10 s: ` +
  `${r.steadyRate.toFixed(0)}/s), ${n(r.calls)} HubSpot calls, ${r.rateLimited} × 429`;

status(`setup: sandbox with 2 × ${n(bigContacts)} + ${smalls.length} × ${arg['small-contacts']} contacts, 1 web + ${arg.workers} worker process(es)…`);
const stack = await startFleetStack({
  portals: [
    { id: BIG_ALONE, contacts: bigContacts, seed: 'big' },
    { id: BIG_SHARED, contacts: bigContacts, seed: 'big' },
    ...smalls.map((id) => ({ id, contacts: Number(arg['small-contacts']), seed: `small-${id}` })),
  ],
  webs: 1, workers: Number(arg.workers), cluster: false, status,
  env: {
    ...(arg.concurrency ? { WORKER_CONCURRENCY: arg.concurrency } : {}),
    ...(arg['fresh-slots'] ? { WORKER_FRESH_SLOTS: arg['fresh-slots'] } : {}),
  },
});
out(`${arg.workers} worker process(es) × ${stack.config.WORKER_CONCURRENCY} slots + ${stack.config.WORKER_FRESH_SLOTS} kept for fresh work, settle window ${stack.config.SETTLE_WINDOW_MS / 1000} s, ` +
  `${smalls.length} small portals × ${arg['per-second']} change/s`);
try {
  status(`sandbox seeded in ${(stack.seedMs / 1000).toFixed(1)} s; installing the ${smalls.length} small portals…`);
  await inParallel(smalls, 4, (id) => stack.install(id));
  await stack.backfilled(smalls, 10 * 60_000);

  status('backfill alone…');
  const alone = await backfill(stack, BIG_ALONE);
  out(line('big backfill alone', alone));

  status('backfill while the small portals receive webhooks…');
  const smallBefore = new Map(smalls.map((id) => [id, stack.sandbox.requests(id)]));
  const trickle = startTrickle(stack.sandbox, smalls, { perSecond: Number(arg['per-second']), updatedAtProperty: 'lead_score_updated_at', seed: 'fair' });
  const shared = await backfill(stack, BIG_SHARED);
  const { activities, perPortal } = await trickle.stop(10_000);
  out(line('big backfill with the trickle', shared));
  out(`backfill rate with the trickle / alone: ${(shared.rate / alone.rate).toFixed(3)} (after the first 10 s: ${(shared.steadyRate / alone.steadyRate).toFixed(3)}; target ≥ 0.9)`);

  const bound = stack.config.SETTLE_WINDOW_MS / 1000 + 2;
  for (const id of smalls) {
    const f = summarize(perPortal.get(id)!);
    const before = smallBefore.get(id)!;
    const after = stack.sandbox.requests(id);
    out(`  small portal ${id}: ${f.samples} score writes, freshness p50 ${f.p50.toFixed(2)} s, p95 ${f.p95.toFixed(2)} s, max ${f.max.toFixed(2)} s; ` +
      `${after.total - before.total} HubSpot calls, ${(after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0)} × 429`);
  }
  const all = summarize([...perPortal.values()].flat());
  const p95s = [...perPortal.values()].filter((l) => l.length).map((l) => summarize(l).p95);
  out(`small portals' freshness during the backfill: ${activities} changes, ${all.samples} score writes, p50 ${all.p50.toFixed(2)} s, ` +
    `p95 ${all.p95.toFixed(2)} s, max ${all.max.toFixed(2)} s; worst portal's p95 ${Math.max(...p95s).toFixed(2)} s; ` +
    `portals with p95 ≤ settle + 2 s (${bound} s): ${p95s.filter((p) => p <= bound).length} of ${p95s.length}`);
} finally {
  await stack.close();
}
