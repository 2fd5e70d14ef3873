import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, onPath, pingRedis, RedisUnavailableError, tryAptInstall } from './redis-server.js';

/** A Redis Cluster of local `redis-server` processes, for tests and benchmarks. */
export interface LocalCluster {
  nodes: { host: string; port: number }[];
  /** The nodes as REDIS_CLUSTER_NODES takes them. */
  env: string;
  /** Stops every node and removes their directories. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Redis listens for its cluster bus on the client port + 10000 (redis.conf, `cluster-port` default). */
const BUS_OFFSET = 10_000;

/** A free port whose cluster bus port (port + 10000) is free as well. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = await freePort();
    if (port + BUS_OFFSET > 65_535 || taken.has(port) || taken.has(port + BUS_OFFSET)) continue;
    const probe = new Redis({ host: HOST, port: port + BUS_OFFSET, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => {});
    const busy = await probe.connect().then(() => true, () => false);
    probe.disconnect();
    if (!busy) return port;
  }
  throw new RedisUnavailableError('no free port pair (port, port + 10000) for a cluster node');
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new RedisUnavailableError(`local Redis Cluster: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function clusterReady(port: number, masters: number): Promise<boolean> {
  const c = new Redis({ host: HOST, port, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  c.on('error', () => {});
  try {
    await c.connect();
    const info = await c.cluster('INFO');
    return /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info) && new RegExp(`cluster_known_nodes:${masters}\\b`).test(info);
  } catch {
    return false;
  } finally {
    c.disconnect();
  }
}

/**
 * Starts `masters` redis-server processes with `--cluster-enabled yes` on free 127.0.0.1 ports (each in a temp
 * directory, no persistence), joins them with `redis-cli --cluster create … --cluster-yes` (no replicas) and
 * waits until every node reports all 16384 slots served. redis-server and redis-cli come from the PATH,
 * installed with apt-get where that is possible; otherwise this fails with what to install.
 */
export async function startLocalCluster(opts: { masters?: number; log?: (line: string) => void } = {}): Promise<LocalCluster> {
  const masters = opts.masters ?? 3;
  const log = opts.log ?? (() => {});
  if (!(onPath('redis-server') && onPath('redis-cli')) && !(tryAptInstall(log) && onPath('redis-cli'))) {
    throw new RedisUnavailableError(
      'A local Redis Cluster needs redis-server and redis-cli on the PATH (Debian: `apt-get install redis-server redis-tools`).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'lead-scoring-cluster-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    const ports: number[] = [];
    for (let i = 0; i < masters; i++) {
      const port = await freeClusterPort(taken);
      taken.add(port).add(port + BUS_OFFSET);
      ports.push(port);
    }
    for (const port of ports) {
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      children.push(spawn('redis-server', [
        '--port', String(port), '--bind', HOST, '--cluster-enabled', 'yes', '--cluster-config-file', join(nodeDir, 'nodes.conf'),
        '--cluster-node-timeout', '5000', '--save', '', '--appendonly', 'no', '--dir', nodeDir,
      ], { stdio: 'ignore', detached: true }));
    }
    for (const port of ports) await until(() => pingRedis(`redis://${HOST}:${port}`, 200), 10_000, `node ${port} answering PING`);
    const create = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `${HOST}:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
    if (create.status !== 0) throw new RedisUnavailableError(`redis-cli --cluster create failed: ${create.stderr || create.stdout}`);
    for (const port of ports) await until(() => clusterReady(port, masters), 15_000, `node ${port} seeing all slots`);
    const nodes = ports.map((port) => ({ host: HOST, port }));
    log(`started a ${masters}-master Redis Cluster on ${ports.join(', ')}`);
    return { nodes, env: nodes.map((n) => `${n.host}:${n.port}`).join(','), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
