/**
 * `npm run bench:fleet`: many processes, many portals. A local 3-master Redis Cluster, 2 web and 2 worker
 * processes, and a sandbox hosting `--installed` portals (default 1,000) of `--contacts` contacts each (5; the active
 * ones `--active-contacts`, 200), installed
 * for real through the OAuth flow (each install publishes the starter model and backfills). First `--first`
 * portals (default 100) are installed, then the rest; at each size `--active` of them (default 10, the same ones)
 * receive a steady trickle of changes (signed webhooks) for `--seconds`, while the sweep runs from this process on
 * a connection that counts its commands. Prints per sweep: due portals looked at, audited ones, Redis commands and
 * wall time; the whole cluster's commands/s; and the active portals' freshness. The sweep's cost must not grow
 * with the installed portals.
 */
import { parseArgs } from 'node:util';
import { inParallel, startFleetStack } from './lib/fleet-stack.js';
import { startSweepProbe, totalCommands, type SweepRun } from './lib/sweep-probe.js';
import { startTrickle, summarize } from './lib/trickle.js';

const { values: arg } = parseArgs({
  options: {
    installed: { type: 'string', default: '1000' },
    first: { type: 'string', default: '100' },
    active: { type: 'string', default: '10' },
    contacts: { type: 'string', default: '5' },
    'active-contacts': { type: 'string', default: '200' },
    seconds: { type: 'string', default: '100' },
  },
});
const installed = Number(arg.installed);
const first = Number(arg.first);
const activeCount = Number(arg.active);
const seconds = Number(arg.seconds);
const status = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const n = (v: number) => v.toLocaleString('en-US');

const ids = Array.from({ length: installed }, (_, i) => 30_000_001 + i);
const active = ids.slice(0, activeCount);
status(`setup: Redis Cluster, sandbox with ${n(installed)} portals (${activeCount} of ${arg['active-contacts']} contacts, the rest of ${arg.contacts}), 2 web + 2 worker processes…`);
const portals = ids.map((id, i) => ({ id, contacts: Number(i < activeCount ? arg['active-contacts'] : arg.contacts) }));
const stack = await startFleetStack({ portals, webs: 2, workers: 2, cluster: true, status });
const probe = await startSweepProbe(stack);
const sweepLine = (size: number, label: string, s: SweepRun) =>
  `installed ${n(size)} | ${label}: looked at ${s.due} due + ${s.audited} audited portals (index: ${n(s.indexed)} entries), ` +
  `decayed ${s.decayed}, restarted ${s.restarted}, ${n(s.commands)} Redis commands, ${s.ms.toFixed(1)} ms`;

try {
  let done = 0;
  for (const size of [first, installed]) {
    const batch = ids.slice(done, size);
    const started = performance.now();
    await inParallel(batch, 8, (id) => stack.install(id));
    await stack.backfilled(batch, 30 * 60_000);
    done = size;
    status(`${n(batch.length)} portals installed through OAuth and backfilled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await sleep(5_000);

    out(sweepLine(size, 'sweep with no webhooks', await probe.sweep()));
    const idleFrom = { commands: await totalCommands(stack.nodeUrls), at: performance.now() };
    await sleep(20_000);
    const idleRate = ((await totalCommands(stack.nodeUrls)) - idleFrom.commands) / ((performance.now() - idleFrom.at) / 1000);

    const busyFrom = { commands: await totalCommands(stack.nodeUrls), at: performance.now() };
    const trickle = startTrickle(stack.sandbox, active, { perSecond: 1, updatedAtProperty: 'lead_score_updated_at', seed: String(size) });
    for (const at of [0.45, 0.9]) {
      await sleep(seconds * 450);
      out(sweepLine(size, `sweep at ${Math.round(seconds * at)} s of the trickle`, await probe.sweep()));
    }
    await sleep(seconds * 100);
    const { activities, perPortal } = await trickle.stop(10_000);
    const busyRate = ((await totalCommands(stack.nodeUrls)) - busyFrom.commands) / ((performance.now() - busyFrom.at) / 1000);
    const f = summarize([...perPortal.values()].flat());
    const worstP95 = Math.max(...[...perPortal.values()].filter((l) => l.length).map((l) => summarize(l).p95));
    out(`installed ${n(size)} | Redis cluster (3 masters, every process): ${n(Math.round(idleRate))} commands/s idle, ` +
      `${n(Math.round(busyRate))} commands/s with ${activeCount} portals receiving webhooks`);
    out(`installed ${n(size)} | freshness of the ${activeCount} active portals: ${activities} changes, ${f.samples} score writes, ` +
      `p50 ${f.p50.toFixed(2)} s, p95 ${f.p95.toFixed(2)} s, max ${f.max.toFixed(2)} s (worst portal's p95 ${worstP95.toFixed(2)} s; ` +
      `settle window ${stack.config.SETTLE_WINDOW_MS / 1000} s)`);
  }
} finally {
  await probe.close();
  await stack.close();
}
