/**
 * The entry of an evaluation thread (see evaluation-pool.ts): answers each task message with the task's answer,
 * or `{ kind: 'failed' }` for an unexpected error (a bug), without ending the thread.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type EvaluationTask } from './evaluation-task.js';

parentPort?.on('message', (task: EvaluationTask) => {
  try {
    parentPort!.postMessage(runTask(task));
  } catch (err) {
    parentPort!.postMessage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
});
