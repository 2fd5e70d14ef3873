import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/lead-scoring.js', import.meta.url));

/**
 * One of the app's processes as production runs it (`lead-scoring start --role web|worker`), in its own OS
 * process so its memory can be read from /proc and it does not share a CPU with the load generator.
 */
export function startAppProcess(role: 'web' | 'worker', env: Record<string, string>, log: WriteStream) {
  // BENCH_CPU_PROF=dir: each process writes a V8 CPU profile there when it exits (for finding where time goes).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, BIN, 'start', '--role', role], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  return {
    child,
    pid: child.pid!,
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type AppProcess = ReturnType<typeof startAppProcess>;

/** Resolves once `url` answers 200 (the web process is listening), or fails after `timeoutMs`. */
export async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
