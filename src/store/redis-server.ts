import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configuredRedis, pingRedis, RedisUnavailableError, type RedisHandle } from './configured-redis.js';

export { pingRedis, redactUrl, RedisUnavailableError, type RedisHandle } from './configured-redis.js';

const LOCAL_URL = 'redis://127.0.0.1:6379';

/** True when `cmd` is an executable on the PATH. */
export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs redis-server (and redis-tools: redis-cli) with apt-get when we are root on a Debian-like machine. Returns whether it worked. */
export function tryAptInstall(log: (line: string) => void): boolean {
  if (!onPath('apt-get') || process.getuid?.() !== 0) return false;
  log('redis-server not found: installing it with apt-get (one time)…');
  const quiet = { stdio: 'ignore' as const };
  if (spawnSync('apt-get', ['update', '-qq'], quiet).status !== 0) return false;
  const install = spawnSync('sh', ['-c', 'DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools'], quiet);
  return install.status === 0 && onPath('redis-server');
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function spawnRedis(log: (line: string) => void): Promise<RedisHandle> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lead-scoring-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    // Its own process group: a Ctrl-C in the terminal reaches only us, so Redis outlives the app's graceful
    // shutdown (workers finish, connections close) and is stopped last, by `stop()`.
    { stdio: 'ignore', detached: true },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    if (await pingRedis(url, 200)) {
      log(`started redis-server for this session on ${url}`);
      return {
        url,
        source: 'spawned',
        stop: async () => {
          if (child.exitCode === null) {
            const exited = new Promise((r) => child.once('exit', r));
            child.kill('SIGTERM');
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new RedisUnavailableError(`redis-server was started on port ${port} but never answered PING`);
}

/**
 * Finds a Redis (ARCHITECTURE.md "Runs with nothing but Node and Redis"): `REDIS_URL` when set (and it must
 * answer), else localhost:6379, else a `redis-server` from the PATH started for this session (installed with
 * apt-get first where that is possible), else a clear error saying what to do.
 */
export async function ensureRedis(
  opts: {
    url?: string | undefined;
    log?: (line: string) => void;
    allowInstall?: boolean;
    /** Start a redis-server for the session even when one answers on localhost (a benchmark wants no other clients). */
    preferSpawn?: boolean;
  } = {},
): Promise<RedisHandle> {
  const log = opts.log ?? (() => {});
  const noop = async () => {};
  if (opts.url) return configuredRedis(opts.url);
  if (opts.preferSpawn && onPath('redis-server')) return spawnRedis(log);
  if (await pingRedis(LOCAL_URL, 500)) return { url: LOCAL_URL, source: 'local', stop: noop };
  if (onPath('redis-server') || (opts.allowInstall !== false && tryAptInstall(log))) return spawnRedis(log);
  throw new RedisUnavailableError(
    'No Redis found: REDIS_URL is not set, nothing answers on 127.0.0.1:6379, and redis-server is not on the PATH ' +
      '(and could not be installed with apt-get). Install Redis 6.2+ (e.g. `apt-get install redis-server` or ' +
      '`brew install redis`) or set REDIS_URL=redis://host:port.',
  );
}
