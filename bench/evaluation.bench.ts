/**
 * The worst model the published limits allow (bench/lib/worst-model.ts), over contacts whose every value is
 * 65,536 characters: (1) one contact's evaluation time, as the worker scores it; (2) the web process's event-loop
 * delay while 20 model tests and previews run at once on the evaluation threads, as the try routes hand them
 * over after their HubSpot read (10 tests of one contact, 10 previews of 100 contacts), measured with
 * perf_hooks.monitorEventLoopDelay; and, for comparison, the same work done on the event loop.
 * `npx tsx bench/evaluation.bench.ts` alone, or as part of `npm run bench`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { compileModel, evaluate, MODEL_LIMITS, parseModel, type Model } from '../src/scoring/index.js';
import { createEvaluationPool, scoreOnThreads } from '../src/web/api/evaluation-pool.js';
import { runTask, trimmedLedger, trimmedProperties } from '../src/web/api/evaluation-task.js';
import { valuePool, worstContact, worstModel, WORST_EVENTS } from './lib/worst-model.js';

const NOW = Date.UTC(2026, 0, 1);

export type EvaluationFigures = {
  contacts: number;
  perContact: { medianMs: number; p99Ms: number; maxMs: number; meanCpuMs: number };
  /** The same with the pattern budget spent on one pattern in an event filter. */
  perContactEventPattern: { medianMs: number; p99Ms: number; maxMs: number; meanCpuMs: number };
  pooled: { requests: number; maxDelayMs: number; p99DelayMs: number; wallMs: number };
  inline: { maxDelayMs: number };
};

const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export async function benchEvaluation(opts: { contacts?: number } = {}): Promise<EvaluationFigures> {
  const { model: doc, properties } = worstModel();
  const parsed = parseModel(doc);
  if (!parsed.ok) throw new Error(`the worst model is invalid: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  const model: Model = parsed.model;
  const compiled = compileModel(model);
  const pool = valuePool(512);
  const n = opts.contacts ?? 1_000;

  // (1) Per contact, as the worker evaluates (wall time per contact; CPU time over the run), for the worst model
  // and for its variant that spends the pattern budget on an event filter instead (run once per event).
  const perContactOf = (compiledModel: ReturnType<typeof compileModel>) => {
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let k = 0; k < n; k++) {
      const c = worstContact(properties, pool, k, NOW);
      const t = performance.now();
      evaluate(compiledModel, c, NOW);
      times.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    return { medianMs: q(times, 0.5), p99Ms: q(times, 0.99), maxMs: times[times.length - 1]!, meanCpuMs: (cpu.user + cpu.system) / 1000 / n };
  };
  const perContact = perContactOf(compiled);
  const variant = parseModel(worstModel({ eventPattern: true }).model);
  if (!variant.ok) throw new Error(`the event-pattern variant is invalid: ${JSON.stringify(variant.errors.slice(0, 3))}`);
  const perContactEventPattern = perContactOf(compileModel(variant.model));

  // (2) 20 concurrent tests and previews on the evaluation threads; the main thread only hands work over.
  // Values already cut as the routes cut them (trimmed*), built from one shared pool, so the bench's own memory
  // (20 requests, ~1,000 contacts) does not make the web thread collect garbage the routes would not make.
  const cutPool = pool.map((v) => v.slice(0, MODEL_LIMITS.valueChars));
  const contact = (k: number) => {
    const c = worstContact(properties, cutPool, k, NOW);
    return { properties: trimmedProperties(c.properties), ledger: trimmedLedger(c.events.map((e) => ({ ...e, at: e.at as number }))) };
  };
  const requests = Array.from({ length: 20 }, (_, i) => ({ slim: i % 2 === 1, contacts: Array.from({ length: i % 2 ? 100 : 1 }, (_, k) => contact(i * 100 + k)) }));
  const threads = createEvaluationPool({ threads: 2, timeoutMs: 120_000, maxQueue: 64 });
  await threads.run({ kind: 'validate', doc, modelId: 'worst' }); // start the threads outside the measure
  await threads.run({ kind: 'validate', doc, modelId: 'worst' });
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t0 = performance.now();
  await Promise.all(requests.map((r) => scoreOnThreads(threads, [model, model], r.contacts, NOW, r.slim)));
  const wallMs = performance.now() - t0;
  h.disable();
  await threads.close();
  const pooled = { requests: requests.length, maxDelayMs: h.max / 1e6, p99DelayMs: h.percentile(99) / 1e6, wallMs };

  // The same work on the event loop, for comparison: what the try routes did before the threads.
  const inlineH = monitorEventLoopDelay({ resolution: 1 });
  inlineH.enable();
  for (const r of requests.slice(0, 4)) {
    runTask({ kind: 'evaluate', models: [model, model], contacts: r.contacts, now: NOW, slim: r.slim });
    await new Promise((r) => setImmediate(r));
  }
  inlineH.disable();
  return { contacts: n, perContact, perContactEventPattern, pooled, inline: { maxDelayMs: inlineH.max / 1e6 } };
}

/** The figures as the bench prints them. */
export function formatEvaluation(f: EvaluationFigures): string {
  const ms = (x: number) => x.toFixed(2);
  return [
    `Worst model within the limits, every value 65,536 characters, ${WORST_EVENTS} events per contact:`,
    `  per contact (${f.contacts.toLocaleString('en-US')} contacts): median ${ms(f.perContact.medianMs)} ms, p99 ${ms(f.perContact.p99Ms)} ms, max ${ms(f.perContact.maxMs)} ms wall; mean CPU ${ms(f.perContact.meanCpuMs)} ms (target ≤ 5 ms)`,
    `  per contact, pattern budget on an event filter instead: median ${ms(f.perContactEventPattern.medianMs)} ms, p99 ${ms(f.perContactEventPattern.p99Ms)} ms, max ${ms(f.perContactEventPattern.maxMs)} ms wall; mean CPU ${ms(f.perContactEventPattern.meanCpuMs)} ms`,
    `  event-loop delay during ${f.pooled.requests} concurrent tests/previews on the evaluation threads: max ${ms(f.pooled.maxDelayMs)} ms, p99 ${ms(f.pooled.p99DelayMs)} ms (target ≤ 50 ms); all done in ${(f.pooled.wallMs / 1000).toFixed(1)} s`,
    `  the same work on the event loop (4 of them): max delay ${ms(f.inline.maxDelayMs)} ms`,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${formatEvaluation(await benchEvaluation())}\n`);
}
