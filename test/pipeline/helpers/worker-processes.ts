import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./worker-proc.ts', import.meta.url));

export type WorkerProcess = { child: ChildProcess; lines: string[]; exited: Promise<number | null> };

/** Starts `worker-proc.ts` in its own Node process (through tsx) and resolves once it logged "worker ready". */
export async function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let buffered = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (process.env.PIPELINE_TEST_LOGS) process.stderr.write(`[worker ${child.pid}] ${line}\n`);
        if (line.includes('"worker ready"')) resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`worker exited (${code}) before it was ready:\n${lines.join('\n')}`)));
  });
  await ready;
  return { child, lines, exited };
}

/** Stops a worker gracefully (SIGTERM) and waits for it to exit. */
export async function stopWorker(w: WorkerProcess): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill('SIGTERM');
  await w.exited;
}
