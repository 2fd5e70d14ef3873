/**
 * `npm run bench`: the pipeline measured in one run against the local sandbox at HubSpot's real limits (110
 * requests / 10 s per portal; the app's budget share from config), printed as one table. Phases, in order:
 * engine (in this fresh process), the worst model within the limits (evaluation.bench.ts), learning (analyze on
 * 41,000 rows, bench/lib/learn-phase.ts), backfill of 20,000 contacts after an OAuth install (worker peak RSS read
 * from /proc; Redis memory per scored contact after it), a 20,000-event import burst, freshness at steady load,
 * webhook ingest with autocannon (in its own process). The app runs as production runs it: one web and one worker
 * process.
 */
import { cpus, loadavg } from 'node:os';
import { Redis } from 'ioredis';
import { benchEngine } from './engine.bench.js';
import { benchEvaluation, formatEvaluation } from './evaluation.bench.js';
import { measureBackfill } from './lib/backfill-phase.js';
import { startBenchStack } from './lib/bench-stack.js';
import { measureBurst } from './lib/burst-phase.js';
import { measureFreshness } from './lib/freshness-phase.js';
import { measureIngest } from './lib/ingest-phase.js';
import { ledgerBounds, measureMemory, usedMemory } from './lib/memory-phase.js';
import { benchLearning, formatLearning } from './lib/learn-phase.js';
import { renderTable } from './lib/report-table.js';

const CONTACTS = 20_000;
const BURST_EVENTS = 20_000;

const status = (line: string) => process.stderr.write(`${line}\n`);
const started = Date.now();
const load = loadavg().map((l) => l.toFixed(2)).join(' ');
status(`bench: ${cpus()[0]?.model ?? 'unknown cpu'}, ${cpus().length} cores, node ${process.version}, load average ${load}`);

status('engine: scoring 200,000 contacts on one core…');
const engine = await benchEngine({ times: 'epoch' });
status('evaluation: the worst model within the limits, per contact and on the evaluation threads…');
const evaluation = await benchEvaluation();
status('learning: analyze on 41,000 rows × 15 columns with 5-fold cross-validation, in this process…');
const learning = benchLearning();

status(`setup: sandbox seeded with ${CONTACTS.toLocaleString('en-US')} contacts, web and worker processes…`);
const stack = await startBenchStack({ contacts: CONTACTS });
try {
  status(`  seeded in ${(stack.seedMs / 1000).toFixed(1)} s; app log: ${stack.logPath}`);
  const redis = new Redis(stack.redisUrl);
  const redisBaseline = await usedMemory(redis);
  status('backfill: install through OAuth, then every contact…');
  let lastTenth = -1;
  const backfill = await measureBackfill(stack, (seen, total) => {
    const tenth = Math.floor((10 * seen) / total);
    if (tenth !== lastTenth) status(`  ${seen.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    lastTenth = tenth;
  });
  await stack.idle(60_000);
  const memory = await measureMemory(redis, stack.prefix, stack.portalId, redisBaseline, ledgerBounds(stack.config));
  redis.disconnect();
  status(`burst: ${BURST_EVENTS.toLocaleString('en-US')} import events…`);
  const burst = await measureBurst(stack, BURST_EVENTS);
  status('freshness: 20 leads engaging per second for 30 s…');
  const freshness = await measureFreshness(stack, { perSecond: 20, seconds: 30, updatedAtProperty: 'lead_score_updated_at' });
  status('ingest: autocannon (own process), 10 connections: 10 s at 5,000 events/s, then 10 s as fast as acknowledged…');
  const ingest = await measureIngest(stack, { connections: 10, seconds: 10, eventsPerSecond: 5_000 });

  process.stdout.write(renderTable({ engine, backfill, burst, freshness, ingest, memory, budgetPer10s: stack.config.budgetPer10s }));
  process.stdout.write(`\n${formatEvaluation(evaluation)}\n`);
  process.stdout.write(`\n${formatLearning(learning)}\n`);
  process.stdout.write(`\nMachine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, node ${process.version}; load average at start ${load}. ` +
    `Run took ${Math.round((Date.now() - started) / 1000)} s.\n`);
} finally {
  await stack.close();
}
