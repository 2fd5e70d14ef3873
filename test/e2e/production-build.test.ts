import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availablePort } from '../../src/runtime/listen-port.js';
import { installThroughOAuth } from '../../src/runtime/oauth-browser.js';
import { DEFAULT_PORTAL_ID, startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createProgressStore } from '../../src/store/backfill-progress.js';
import { appKeys } from '../../src/store/keys.js';
import { connect, dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis.js';
import { until } from '../helpers/until.js';
import { propertyChange } from '../pipeline/helpers/contacts.js';
import { CLIENT_SECRET, ENCRYPTION_KEY, postWebhook, PUBLIC_BASE_URL } from '../pipeline/helpers/harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('../../dist/cli/entry.js', import.meta.url));
const CONTACTS = 300;

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  return { child, output: () => out, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

/** The value of one sample of a Prometheus text. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}

/** `npm run build`'s server half, then the compiled processes with NODE_ENV=production. */
describe('the compiled build in production mode', () => {
  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build:server'], { cwd: ROOT });
  }, 120_000);

  it('refuses to start with nothing set, listing every missing variable, and starts no Redis and no sandbox', async () => {
    const p = run('npm', ['start'], { NODE_ENV: 'production' });
    expect(await p.exited).not.toBe(0);
    for (const name of ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'TOKEN_ENCRYPTION_KEY', 'REDIS_URL', 'PUBLIC_BASE_URL']) {
      expect(p.output()).toMatch(new RegExp(`- ${name}: required when NODE_ENV=production`));
    }
    expect(p.output()).not.toMatch(/redis-server|sandbox listening|listening on|"msg":"starting"/i);
  });

  it('statically loads no demo code on the way to a production start (sandbox, preview, Redis spawner, tsx, esbuild)', async () => {
    const result = await build({
      entryPoints: [`${ROOT}src/cli/entry.ts`], bundle: true, write: false, metafile: true, packages: 'external',
      platform: 'node', format: 'esm', logLevel: 'silent', absWorkingDir: ROOT,
    });
    const inputs = result.metafile.inputs;
    // The `start` command is loaded by main.ts on demand; from there, follow only static imports.
    const seen = new Set<string>();
    const externals = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const imp of inputs[file]?.imports ?? []) {
        if (imp.kind !== 'import-statement') continue;
        if (imp.external) externals.add(imp.path);
        else walk(imp.path);
      }
    };
    walk('src/cli/start.ts');
    expect(seen).toContain('src/runtime/start-app.ts');
    expect([...seen].filter((f) => /^src\/(sandbox|preview)\/|redis-server|runtime\/demo/.test(f))).toEqual([]);
    expect([...externals].filter((e) => /^(tsx|esbuild)(\/|$)/.test(e))).toEqual([]);
  });

  describe('web and worker processes from dist/ against the sandbox', () => {
    const prefix = uniquePrefix('prod');
    const redis = connect();
    let sandbox: Sandbox;
    let web: Proc;
    let worker: Proc;
    let webUrl = '';
    let opsUrl = '';
    const written = new Set<string>();

    beforeAll(async () => {
      sandbox = await startSandbox({ port: 0, portals: [{ id: DEFAULT_PORTAL_ID, contacts: CONTACTS, seed: 'production-build' }] });
      sandbox.registerApp({ name: 'Lead scoring (production build)', clientId: 'production-build-client', clientSecret: CLIENT_SECRET, redirectUris: [`${PUBLIC_BASE_URL}/oauth/callback`] });
      sandbox.portal(DEFAULT_PORTAL_ID).onChange((c) => {
        if (c.source.sourceType === 'INTEGRATION' && c.propertyName === 'lead_score') written.add(String(c.objectId));
      });
      const { port } = await availablePort(0);
      const { port: metricsPort } = await availablePort(0);
      webUrl = `http://127.0.0.1:${port}`;
      opsUrl = `http://127.0.0.1:${metricsPort}`;
      const env = {
        NODE_ENV: 'production', LOG_LEVEL: 'info', PUBLIC_BASE_URL, REDIS_URL: redisUrl(), REDIS_PREFIX: prefix,
        HUBSPOT_CLIENT_ID: 'production-build-client', HUBSPOT_CLIENT_SECRET: CLIENT_SECRET, TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
        HUBSPOT_API_BASE_URL: sandbox.url, HUBSPOT_APP_BASE_URL: sandbox.url, SETTLE_WINDOW_MS: '200',
      };
      web = run(process.execPath, [ENTRY, 'start', '--role', 'web'], { ...env, PORT: String(port), HOST: '127.0.0.1' });
      worker = run(process.execPath, [ENTRY, 'start', '--role', 'worker'], { ...env, METRICS_PORT: String(metricsPort), METRICS_HOST: '127.0.0.1' });
      for (const base of [webUrl, opsUrl]) {
        await until(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 30_000, `${base}/readyz`);
      }
    }, 60_000);

    afterAll(async () => {
      for (const p of [web, worker]) if (p && p.child.exitCode === null) p.child.kill('SIGKILL');
      await sandbox?.close();
      await dropPrefix(redis, prefix);
      redis.disconnect();
    });

    it('installs through OAuth, backfills every contact and writes their scores', async () => {
      // The public HTTPS origin is the proxy's; this test is the proxy, forwarding to the web process.
      const viaProxy: typeof fetch = (url, init) => fetch(String(url).replace(PUBLIC_BASE_URL, webUrl), init);
      const install = await installThroughOAuth(PUBLIC_BASE_URL, { portalId: DEFAULT_PORTAL_ID, fetch: viaProxy });
      expect(install.status).toBe(200);

      const progress = createProgressStore({ redis, keys: appKeys(prefix) });
      await until(async () => (await progress.get(DEFAULT_PORTAL_ID, 'backfill'))?.status === 'done', 60_000, 'the backfill');
      expect(await progress.get(DEFAULT_PORTAL_ID, 'backfill')).toMatchObject({ seen: CONTACTS });
      const customers = sandbox.seeded.get(DEFAULT_PORTAL_ID)!.customers;
      expect(written.size).toBe(CONTACTS - customers);
    }, 90_000);

    it('scores a signed webhook, and both processes report it on /metrics', async () => {
      const ids = [...written].slice(0, 10).map(Number);
      const scored = (text: string) =>
        sample(text, 'lead_scoring_contacts_scored_total{result="written"}') + (sample(text, 'lead_scoring_contacts_scored_total{result="unchanged"}') || 0);
      const before = await (await fetch(`${opsUrl}/metrics`)).text();
      // Events newer than the backfill's scores (freshness is measured from an event the previous score lacked).
      const now = Date.now();
      const events = ids.map((id, i) => propertyChange(DEFAULT_PORTAL_ID, id, 'hs_analytics_last_url', 'https://www.example.com/pricing', now + i, 900 + i));
      expect((await postWebhook(webUrl, JSON.stringify(events))).status).toBe(204);

      // The 10 contacts are scored live; each one written gets a freshness observation (event → write-back).
      let workerMetrics = '';
      await until(async () => {
        workerMetrics = await (await fetch(`${opsUrl}/metrics`)).text();
        return scored(workerMetrics) >= scored(before) + ids.length;
      }, 30_000, 'the webhook\'s contacts scored');
      const writtenLive = sample(workerMetrics, 'lead_scoring_contacts_scored_total{result="written"}') - sample(before, 'lead_scoring_contacts_scored_total{result="written"}');
      expect(writtenLive).toBeGreaterThan(0);
      expect(sample(workerMetrics, 'lead_scoring_score_freshness_seconds_count')).toBe(writtenLive);
      expect(sample(workerMetrics, 'lead_scoring_bulk_contacts_total{kind="backfill",result="listed"}')).toBe(CONTACTS);
      expect(sample(workerMetrics, 'lead_scoring_bulk_runs_total{kind="backfill",status="done"}')).toBe(1);
      expect(sample(workerMetrics, 'lead_scoring_hubspot_calls_total{call="contacts.batchRead",outcome="ok"}')).toBeGreaterThanOrEqual(1);
      expect(sample(workerMetrics, 'lead_scoring_hubspot_calls_total{call="contacts.batchUpdate",outcome="ok"}')).toBeGreaterThanOrEqual(4);
      const webMetrics = await (await fetch(`${webUrl}/metrics`)).text();
      expect(webMetrics).toMatch(/^lead_scoring_hubspot_calls_total\{call="properties\.[a-zA-Z]+",outcome="ok"\} \d+$/m);
      expect(webMetrics).toMatch(/^# TYPE lead_scoring_queue_jobs gauge$/m);
    }, 60_000);

    it('stops both processes on SIGTERM with exit status 0', async () => {
      web.child.kill('SIGTERM');
      worker.child.kill('SIGTERM');
      expect(await web.exited).toBe(0);
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('"msg":"stopped"');
    }, 60_000);
  });
});
