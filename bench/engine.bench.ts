/**
 * Engine benchmark (`npm run bench:engine`): scores the starter model (10 rules: 6 on properties, 2 of them RE2
 * regexes; 4 on events with half-life, linear and window decay) over synthetic contacts with 20 events each, on
 * one core, and prints contacts per second and the p99 time of a batch of 100 (the worker's batch size). Every
 * evaluation includes the breakdown and `nextChangeAt`. Run twice, each in a fresh process: with event times in
 * epoch ms (what the pipeline's ledger holds) and in ISO 8601 (what a hand-written file holds; each is parsed).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModel, evaluate, parseModel, type ContactInput } from '../src/scoring/index.js';
import { BENCH_NOW as NOW, makeContacts } from './engine-contacts.js';

export type EngineBenchResult = {
  /** Wall-clock throughput. */
  contactsPerSecond: number;
  /**
   * Throughput per second of CPU time of the scoring thread (Linux only, else null): what one dedicated core
   * would do. On a shared machine the wall-clock figure also counts time other processes took.
   */
  contactsPerCpuSecond: number | null;
  p99BatchMs: number;
  contacts: number;
  rules: number;
  eventsPerContact: number;
  times: 'epoch' | 'iso';
  cpu: string;
  node: string;
};

/** CPU seconds the main thread has used (Linux /proc; 10 ms resolution), or null elsewhere. */
function mainThreadCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ ticks (100 on Linux)
  } catch {
    return null;
  }
}

const MODEL_PATH = fileURLToPath(new URL('../examples/starter-model.json', import.meta.url));
const BATCH = 100;

/** Runs the benchmark and returns its figures (the combined `npm run bench` calls this). */
export async function benchEngine(options: { contacts?: number; rounds?: number; times?: 'epoch' | 'iso' } = {}): Promise<EngineBenchResult> {
  const parsed = parseModel(JSON.parse(readFileSync(MODEL_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(`starter model invalid: ${JSON.stringify(parsed.errors)}`);
  const compiled = compileModel(parsed.model);
  const eventsPerContact = 20;
  const times = options.times ?? 'epoch';
  const contacts = makeContacts(options.contacts ?? 20_000, eventsPerContact, times);
  const rounds = options.rounds ?? 10;
  let sink = 0; // keeps the optimiser from discarding results
  for (let warm = 0; warm < 3; warm++) for (const c of contacts) sink += evaluate(compiled, c, NOW).inScope ? 1 : 0;

  const batchMs: number[] = [];
  let scored = 0;
  const cpuStarted = mainThreadCpuSeconds();
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
  const cpuEnded = mainThreadCpuSeconds();
  const cpuS = cpuStarted === null || cpuEnded === null ? null : cpuEnded - cpuStarted;
  if (sink === -1) console.log(sink);
  batchMs.sort((a, b) => a - b);
  const rules = [...parsed.model.fit.groups, ...parsed.model.engagement.groups].reduce((n, g) => n + g.rules.length, 0);
  return {
    contactsPerSecond: Math.round(scored / elapsedS),
    contactsPerCpuSecond: cpuS ? Math.round(scored / cpuS) : null,
    p99BatchMs: Number((batchMs[Math.min(batchMs.length - 1, Math.floor(batchMs.length * 0.99))] ?? 0).toFixed(3)),
    contacts: scored,
    rules,
    eventsPerContact,
    times,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
  };
}

/** Runs one variant and prints its figures as JSON (each variant in a fresh process, so neither warms the other). */
async function child(times: 'epoch' | 'iso'): Promise<void> {
  process.stdout.write(`${JSON.stringify(await benchEngine({ times }))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const variant = process.argv.find((a) => a.startsWith('--times='))?.slice('--times='.length);
  if (variant === 'epoch' || variant === 'iso') {
    await child(variant);
  } else {
    const load = loadavg()[0]?.toFixed(2);
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, node ${process.version}, load average ${load}`);
    for (const times of ['epoch', 'iso'] as const) {
      const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1], `--times=${times}`], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`benchmark run failed: ${run.stderr}`);
      const r = JSON.parse(run.stdout) as EngineBenchResult;
      const what = times === 'epoch' ? 'epoch ms (as the pipeline stores them)' : 'ISO strings (parsed on every evaluation)';
      console.log(`engine, ${r.rules}-rule starter model, ${r.eventsPerContact} events per contact, event times as ${what}, ${r.contacts.toLocaleString('en-US')} evaluations on one core:`);
      const cpu = r.contactsPerCpuSecond === null ? '' : ` (${r.contactsPerCpuSecond.toLocaleString('en-US')} per CPU-second of the scoring thread)`;
      console.log(`  ${r.contactsPerSecond.toLocaleString('en-US')} contacts/s wall-clock${cpu}, p99 ${r.p99BatchMs} ms per batch of ${BATCH}`);
    }
  }
}
