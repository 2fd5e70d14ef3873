import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./worker-proc.ts', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/lead-scoring.js', import.meta.url));

export type WorkerProcess = { child: ChildProcess; lines: string[]; exited: Promise<number | null> };

/** Spawns a Node process and resolves once a stdout line contains `readyMarker` (rejects if it exits first). */
function spawnLogged(args: string[], env: Record<string, string>, readyMarker: string): Promise<WorkerProcess & { readyLine: string }> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (process.env.PIPELINE_TEST_LOGS) process.stderr.write(`[worker ${child.pid}] ${line}\n`);
        if (line.includes(readyMarker)) resolve({ child, lines, exited, readyLine: line });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${lines.join('\n')}`)));
  });
}

/** Starts `worker-proc.ts` in its own Node process (through tsx) and resolves once it logged "worker ready". */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  return spawnLogged(['--import', 'tsx', SCRIPT], env, '"worker ready"');
}

/**
 * Starts the real command, `lead-scoring start --role worker` (its own signal handling included), with an
 * operations server on a free port; resolves once that server listens, with its URL.
 */
export async function spawnCliWorker(env: Record<string, string>): Promise<WorkerProcess & { opsUrl: string }> {
  const w = await spawnLogged([BIN, 'start', '--role', 'worker'], { METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', ...env }, '"operations endpoints listening');
  return { ...w, opsUrl: (JSON.parse(w.readyLine) as { url: string }).url };
}

/** Stops a worker gracefully (SIGTERM) and waits for it to exit. */
export async function stopWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  await w.exited;
}
