import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../errors.js';
import { HttpError } from '../http-error.js';
import type { ScoreResult } from '../../scoring/index.js';
import type { EvaluationTask, TaskAnswer, TaskContact } from './evaluation-task.js';

export interface EvaluationPoolOptions {
  /** Threads at most (each is started on demand and stopped after `idleMs` without work). */
  threads: number;
  /** Time budget of one task: past it the thread is terminated and the request answered 503. */
  timeoutMs: number;
  /** Tasks waiting for a thread at most; beyond that a request is answered 503 at once. */
  maxQueue: number;
  idleMs?: number;
}

type Job = { task: EvaluationTask; resolve: (a: TaskAnswer) => void; reject: (e: unknown) => void };

/**
 * The thread file next to this one. Under tsx (the CLI, tests) the sources are TypeScript, which a new thread
 * cannot import until tsx's loader is registered in it: the thread then starts from a two-line bootstrap.
 */
function spawn(): Worker {
  const here = import.meta.url;
  const entry = new URL(here.endsWith('.ts') ? './evaluation-worker.ts' : './evaluation-worker.js', here);
  if (!here.endsWith('.ts')) return new Worker(entry);
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

/**
 * A small pool of worker threads for the settings page's model tests and previews, so evaluating a model over
 * contacts (up to MODEL_LIMITS' worst case) never blocks the web process's event loop, and a task that overruns
 * its time budget is stopped (the thread is terminated and replaced) instead of holding a thread forever.
 */
export function createEvaluationPool(opts: EvaluationPoolOptions) {
  const idle: Worker[] = [];
  const queue: Job[] = [];
  const idleTimers = new Map<Worker, NodeJS.Timeout>();
  const all = new Set<Worker>();
  let live = 0;
  let closed = false;

  const retire = (w: Worker) => {
    clearTimeout(idleTimers.get(w));
    idleTimers.delete(w);
    all.delete(w);
    live--;
    void w.terminate();
  };

  function park(w: Worker) {
    idle.push(w);
    idleTimers.set(w, setTimeout(() => {
      const i = idle.indexOf(w);
      if (i >= 0) idle.splice(i, 1);
      retire(w);
    }, opts.idleMs ?? 30_000).unref());
  }

  function runOn(w: Worker, job: Job) {
    clearTimeout(idleTimers.get(w));
    const done = () => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
    };
    const onMessage = (answer: TaskAnswer | { kind: 'failed'; message: string }) => {
      done();
      park(w);
      if (answer.kind === 'failed') job.reject(new AppError('EVALUATION_FAILED', `Evaluation failed: ${answer.message}`));
      else job.resolve(answer);
      dispatch();
    };
    const onError = (err: Error) => {
      done();
      retire(w);
      job.reject(new AppError('EVALUATION_FAILED', `The evaluation thread stopped: ${err.message}`, { cause: err }));
      dispatch();
    };
    const timer = setTimeout(() => {
      done();
      retire(w);
      job.reject(new HttpError(503, 'UNAVAILABLE', `Evaluating the model took longer than ${opts.timeoutMs / 1000} s and was stopped: try fewer contacts, or fewer or simpler patterns and conditions`));
      dispatch();
    }, opts.timeoutMs);
    w.on('message', onMessage);
    w.on('error', onError);
    try {
      w.postMessage(job.task);
    } catch (err) {
      // A task that cannot be cloned (postMessage throws synchronously, possibly from a timer's dispatch) fails
      // alone: its request gets an answer and the thread, which never saw it, takes the next task.
      done();
      park(w);
      job.reject(new AppError('EVALUATION_FAILED', `The task could not be handed to an evaluation thread: ${(err as Error).message}`, { cause: err }));
    }
  }

  function dispatch() {
    while (queue.length && !closed) {
      let w = idle.pop();
      if (!w) {
        if (live >= opts.threads) return;
        w = spawn();
        w.unref();
        all.add(w);
        live++;
      }
      runOn(w, queue.shift()!);
    }
  }

  return {
    /** Runs a task on a thread; rejects with a 503 HttpError when the queue is full or the budget runs out. */
    run(task: EvaluationTask): Promise<TaskAnswer> {
      if (closed) return Promise.reject(new HttpError(503, 'UNAVAILABLE', 'The server is shutting down; retry later'));
      if (queue.length >= opts.maxQueue) {
        return Promise.reject(new HttpError(503, 'UNAVAILABLE', 'Too many model tests and previews are running; retry in a few seconds'));
      }
      return new Promise<TaskAnswer>((resolve, reject) => {
        queue.push({ task, resolve, reject });
        dispatch();
      });
    },
    /** Threads running or idle (for tests and metrics). */
    get threads(): number {
      return live;
    },
    /** Stops every thread; queued tasks are refused. */
    async close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new HttpError(503, 'UNAVAILABLE', 'The server is shutting down; retry later'));
      idle.length = 0;
      for (const t of idleTimers.values()) clearTimeout(t);
      const threads = [...all];
      all.clear();
      live = 0;
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}

export type EvaluationPool = ReturnType<typeof createEvaluationPool>;

/** Contacts per task: each hand-off to a thread is serialised on the web thread, so it is kept small. */
const CONTACTS_PER_TASK = 5;

/** Scores contacts with models on the pool, `CONTACTS_PER_TASK` at a time; `slim` drops the breakdowns. */
export async function scoreOnThreads(pool: EvaluationPool, models: Extract<EvaluationTask, { kind: 'evaluate' }>['models'], contacts: TaskContact[], now: number, slim = false): Promise<ScoreResult[][]> {
  const out: ScoreResult[][] = [];
  for (let i = 0; i < contacts.length; i += CONTACTS_PER_TASK) {
    const answer = await pool.run({ kind: 'evaluate', models, contacts: contacts.slice(i, i + CONTACTS_PER_TASK), now, slim });
    out.push(...(answer as { results: ScoreResult[][] }).results);
  }
  return out;
}
