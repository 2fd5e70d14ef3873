import type { EngineBenchResult } from '../engine.bench.js';
import type { BackfillResult } from './backfill-phase.js';
import type { BurstResult } from './burst-phase.js';
import type { FreshnessResult } from './freshness-phase.js';
import type { IngestResults } from './ingest-phase.js';
import type { MemoryResult } from './memory-phase.js';

export type BenchResults = {
  engine: EngineBenchResult;
  backfill: BackfillResult;
  burst: BurstResult;
  freshness: FreshnessResult;
  ingest: IngestResults;
  memory: MemoryResult;
  budgetPer10s: number;
};

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const one = (n: number) => n.toFixed(1);
const two = (n: number) => n.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

/** The one table `npm run bench` prints (Markdown, so docs/performance.md can hold it as printed). */
export function renderTable(r: BenchResults): string {
  const { engine, backfill: b, burst, freshness: f, ingest: { max: i, atRate: t } } = r;
  const ratio = b.steadyRate / b.bound;
  // With property history HubSpot returns 50 contacts per page: 2 pages + 1 update per 100 contacts.
  const historyFloor = ((r.budgetPer10s / 10) * 100) / 3;
  const perHundred = (b.calls.total * 100) / b.contacts;
  const freshTarget = f.settleWindowS + 2;
  const cpu = engine.contactsPerCpuSecond === null ? '' : ` (${int(engine.contactsPerCpuSecond)} per CPU-second)`;
  const rows: [string, string, string, string][] = [
    ['Engine', `${int(engine.contactsPerSecond)} contacts/s on one core${cpu}; starter model (${engine.rules} rules), ${engine.eventsPerContact} events per contact, p99 ${engine.p99BatchMs} ms per batch of 100`, '—', '—'],
    ['Webhook ingest', `${int(i.eventsPerSecond)} events/s sustained at most (${int(i.requests)} signed batches of 100 in ${one(i.seconds)} s, ${i.connections} connections as fast as acknowledged: ack p50 ${i.p50Ms} ms, p99 ${i.p99Ms} ms); ` +
      `at ${int(t.offeredEventsPerSecond)} events/s offered: ${int(t.eventsPerSecond)} events/s acknowledged, ack p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms; ${i.non2xx + t.non2xx} non-2xx, ${i.errors + t.errors} errors`,
      '≥ 5,000 events/s with p99 < 100 ms', verdict(i.eventsPerSecond >= 5_000 && t.eventsPerSecond >= 0.98 * t.offeredEventsPerSecond && t.p99Ms < 100 && i.non2xx + t.non2xx === 0)],
    ['Burst economy', `${two(burst.callsPer1000)} HubSpot calls per 1,000 events: ${int(burst.events)} import events on ${int(burst.contacts)} contacts → ${burst.reads} batch reads + ${burst.writes} batch updates (${burst.calls} calls, ${burst.rateLimited} × 429) in ${one(burst.seconds)} s`,
      '≤ 25 (floor 20)', verdict(burst.callsPer1000 <= 25)],
    ['Backfill', `${int(b.steadyRate)} contacts/s steady (${int(b.rate)}/s over the whole ${one(b.seconds)} s) for ${int(b.contacts)} contacts = ${two(ratio)} of the bound ${int(b.bound)}/s at ${r.budgetPer10s} calls/10 s (${two(b.steadyRate / historyFloor)} of ${int(historyFloor)}/s, the bound when reads with history return 50); ${b.calls.list} list pages + ${b.calls.update} batch updates = ${two(perHundred)} calls per 100 contacts; ${b.calls.rateLimited} × 429`,
      '≥ 0.9 of the bound, zero 429s', verdict(ratio >= 0.9 && b.calls.rateLimited === 0)],
    ['Freshness', `p50 ${two(f.p50)} s, p95 ${two(f.p95)} s, max ${two(f.max)} s from the change in HubSpot to the score written back (${f.samples} of ${f.activities} activities changed a score; ${f.perSecond} leads/s for the run; settle window ${f.settleWindowS} s)`,
      `p95 < ${one(freshTarget)} s`, verdict(f.p95 < freshTarget)],
    ['Redis memory', `${int(r.memory.bytesPerScored)} bytes per scored contact (INFO used_memory +${one(r.memory.deltaBytes / 1e6)} MB for ${int(r.memory.scored)} scored contacts after the backfill); MEMORY USAGE per scored contact: ` +
      Object.entries(r.memory.perScoredByType).sort((x, y) => y[1] - x[1]).map(([t, n]) => `${t} ${int(n)}`).join(', '),
      '≤ 400 bytes', verdict(r.memory.bytesPerScored <= 400)],
    ['Worker memory', `peak RSS ${int(b.workerPeakRssMb)} MB (VmHWM of the worker process, after backfilling ${int(b.contacts)} contacts)`, '< 300 MB', verdict(b.workerPeakRssMb < 300)],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(['Measure', 'Result', 'Target', 'Status']), line(['---', '---', '---', '---']), ...rows.map(line)].join('\n') + '\n';
}
