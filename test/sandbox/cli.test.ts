import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { json } from './helpers.js';

/** `lead-scoring sandbox` as a user runs it: prints where it listens and how to point the app at it. */
function launch(args: string[]) {
  const child = spawn(process.execPath, ['bin/lead-scoring.js', 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'silent' } });
  let out = '';
  const printed = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); if (out.includes('HUBSPOT_APP_ID=')) resolve(out); });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing: ${out}`)));
  });
  return { child, printed };
}

describe('lead-scoring sandbox', () => {
  it('serves a seeded portal, prints its URL and the install link, and exits cleanly on SIGTERM', async () => {
    const { child, printed } = launch(['--port', '0', '--contacts', '25', '--portal', '777']);
    const out = await printed;
    const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
    expect(out).toContain('Portal 777: 25 contacts');
    expect(out).toContain(`HUBSPOT_API_BASE_URL=${url}`);
    const portals = await json(fetch(`${url}/_sandbox/portals`));
    expect(portals.results).toEqual([expect.objectContaining({ id: 777, contacts: 25 })]);
    const install = /Install: (\S+)/.exec(out)![1]!;
    expect((await fetch(install)).status).toBe(200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

});
