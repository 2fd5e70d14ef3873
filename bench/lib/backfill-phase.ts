import type { BenchStack } from './bench-stack.js';
import { processMemory } from './proc-memory.js';

export type BackfillResult = {
  contacts: number;
  seconds: number;
  /** Contacts per second over the whole backfill. */
  rate: number;
  /** Contacts per second once the first 10 s window (which starts with a full budget) has passed. */
  steadyRate: number;
  /** HubSpot's bound at the configured budget, reading and writing 100 contacts per call: budget/10 × 100/2. */
  bound: number;
  calls: { total: number; list: number; update: number; rateLimited: number };
  workerPeakRssMb: number;
};

/**
 * Installs the app through OAuth and measures the backfill that follows: contacts/s from the progress the
 * worker records in the store, HubSpot calls and 429s from the sandbox's request log, and the worker process's
 * peak resident memory (VmHWM) once it is done.
 */
export async function measureBackfill(stack: BenchStack, onProgress: (seen: number, total: number) => void): Promise<BackfillResult> {
  const { sandbox, portalId, progress, config } = stack;
  const total = sandbox.seeded.get(portalId)!.contacts;
  const before = sandbox.requests(portalId);
  await stack.install();
  const samples: { t: number; seen: number }[] = [];
  const deadline = Date.now() + 10 * 60_000;
  let p = await progress.get(portalId, 'backfill');
  while (p?.status === 'running') {
    samples.push({ t: Date.now(), seen: p.seen });
    onProgress(p.seen, total);
    if (Date.now() > deadline) throw new Error('backfill did not finish within 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
    p = await progress.get(portalId, 'backfill');
  }
  if (p?.status !== 'done' || p.finishedAt === undefined) throw new Error(`backfill ended as ${p?.status}: ${p?.error ?? ''}`);
  onProgress(p.seen, total);
  const memory = processMemory(stack.worker.pid);
  const after = sandbox.requests(portalId);
  const route = (r: string) => (after.byRoute[r] ?? 0) - (before.byRoute[r] ?? 0);
  const seconds = (p.finishedAt - p.startedAt) / 1000;
  const first = samples.find((s) => s.t >= p!.startedAt + 10_000);
  const steadyRate = first && p.finishedAt > first.t ? ((p.seen - first.seen) * 1000) / (p.finishedAt - first.t) : p.seen / seconds;
  return {
    contacts: p.seen,
    seconds,
    rate: p.seen / seconds,
    steadyRate,
    bound: ((config.budgetPer10s / 10) * 100) / 2,
    calls: {
      total: after.total - before.total,
      list: route('GET /crm/v3/objects/contacts'),
      update: route('POST /crm/v3/objects/contacts/batch/update'),
      rateLimited: (after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0),
    },
    workerPeakRssMb: memory?.peakMb ?? NaN,
  };
}
