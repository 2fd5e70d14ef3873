import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis.js';
import { until } from './helpers/stack.js';

const BIN = fileURLToPath(new URL('../../bin/lead-scoring.js', import.meta.url));

/**
 * The README's first command as a newcomer runs it (`npm start` = `lead-scoring start`), with no HubSpot
 * credentials: it must come up on its own (sandbox, app, OAuth install, backfill, simulator), say where to look,
 * serve those pages, and stop cleanly on Ctrl-C.
 */
describe('npm start without HubSpot credentials', () => {
  const prefix = uniquePrefix('demo');
  const redis = connect();
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
    // The demo's log file is named after its prefix.
    rmSync(join(tmpdir(), `lead-scoring-${prefix.replace(/[^A-Za-z0-9_-]/g, '-')}.log`), { force: true });
  });

  it('runs the demo end to end, prints where to look, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: {
        ...process.env, HUBSPOT_CLIENT_ID: '', HUBSPOT_CLIENT_SECRET: '', REDIS_URL: redisUrl(), DEMO_REDIS_PREFIX: prefix,
        DEMO_CONTACTS: '200', PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    const exited = once(child, 'exit');
    try {
      await until(() => /^Live: /m.test(out), 45_000, `the demo running (output so far:\n${out})`);
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    }

    expect(out).toMatch(/Install {3}GET \/oauth\/install → sandbox consent page → Connect app → \/oauth\/callback: installed in portal \d+/);
    expect(out).toContain('"Starter B2B SaaS" v1 published');
    const backfill = /Backfill done in [\d.]+ s .*: 200 contacts, (\d+) in scope, (\d+) scores written, 0 HTTP 429/.exec(out);
    expect(backfill, out).not.toBeNull();
    expect(Number(backfill![2])).toBe(Number(backfill![1]));
    expect(Number(backfill![1])).toBeGreaterThan(50);

    const crm = /Contacts with their scores[^:]*: (\S+)/.exec(out)![1]!;
    const card = /Card preview of the top-scored contact:\s+(\S+)/.exec(out)![1]!;
    const settings = /Settings page preview[^:]*:\s+(\S+)/.exec(out)![1]!;
    const crmPage = await fetch(crm);
    expect(crmPage.status).toBe(200);
    expect(await crmPage.text()).toContain('lead_score');
    expect((await fetch(card)).status).toBe(200);
    expect((await fetch(settings)).status).toBe(200);

    child.kill('SIGINT');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(out).toMatch(/Stopped\.\n$/);
  });
});
