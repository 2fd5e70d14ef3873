import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const starterPath = join(root, 'examples/starter-model.json');
const samplesPath = join(root, 'examples/sample-contacts.jsonl');

type Run = { code: number; stdout: string; stderr: string };

/** Runs the real command, as a user would: `node bin/lead-scoring.js …`. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/lead-scoring.js', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lead-scoring-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lead-scoring validate', () => {
  it('exits 0 and names the model for a valid file', async () => {
    const r = await cli('validate', starterPath);
    expect(r).toEqual({ code: 0, stdout: 'valid: starter (10 rules)\n', stderr: '' });
  });

  it('exits 1 with every error by JSON path for a model with mistakes', async () => {
    const text = (await readFile(starterPath, 'utf8'))
      .replace('"op": "between"', '"op": "equals"')
      .replace('"kind": "halfLife"', '"kind": "exponential"')
      .replace('{ "label": "MQL", "min": 40 }', '{ "label": "SQL", "min": 40 }');
    const path = join(dir, 'broken.json');
    await writeFile(path, text);
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        `invalid: ${path} (3 errors)`,
        'fit.groups[1].rules[0].when.op: unknown operator "equals" (did you mean "eq"?)',
        'engagement.groups[0].rules[0].decay.kind: unknown decay kind "exponential"',
        'stages[1].label: duplicate stage "SQL"',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 for a model whose band can never apply and prints the warning', async () => {
    const path = await unreachableBandModel();
    const r = await cli('validate', path);
    expect(r).toEqual({
      code: 0,
      stdout: 'valid: starter (10 rules, 1 warning)\nwarning: grades.fit[0].min: 150 is above fit.max (100): this band can never apply\n',
      stderr: '',
    });
  });

  it("warns, with the portal's properties, of a property the portal lacks and a numeric operator on a text property", async () => {
    const properties = join(dir, 'properties.json');
    const have = ['jobtitle', 'hs_email_domain', 'company', 'email', 'lifecyclestage'].map((name) => ({ name, type: 'string', label: name }));
    await writeFile(properties, JSON.stringify({ results: [...have, { name: 'numberofemployees', type: 'string' }] }));
    const r = await cli('validate', starterPath, '--properties', properties);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'valid: starter (10 rules, 2 warnings)',
      'warning: fit.groups[1].rules[0].when.op: "between" compares numbers, but "numberofemployees" is a string property: this condition is never true',
      'warning: fit.groups[1].rules[1].when.property: this portal has no contact property "industry": its value is always unknown',
      '',
    ].join('\n'));
  });

  it('exits 1 with a clear message for a missing file or malformed JSON', async () => {
    const missing = await cli('validate', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`cannot read ${join(dir, 'nope.json')}: no such file\n`);
    const path = join(dir, 'bad.json');
    await writeFile(path, '{\n  "id": "x",\n  "name": }\n');
    const bad = await cli('validate', path);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: .*\\(line 3, column 11\\)\\n$`));
  });
});

/** The starter model with an extra fit band at 150, above fit.max 100: allowed, never applies. */
async function unreachableBandModel(): Promise<string> {
  const doc = JSON.parse(await readFile(starterPath, 'utf8')) as { grades: { fit: { grade: string; min: number }[] } };
  doc.grades.fit.unshift({ grade: 'S', min: 150 });
  const path = join(dir, 'unreachable-band.json');
  await writeFile(path, JSON.stringify(doc));
  return path;
}

describe('lead-scoring score', () => {
  it('scores every sample contact in input order, the out-of-scope one included', async () => {
    const r = await cli('score', '--model', starterPath, '--contacts', samplesPath, '--now', '2025-06-02T09:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['101', '102', '103', '104', '105', '106', '107', '108', '109', '110', '111', '112', '113']);
    expect(lines[3]).toEqual({ id: '104', inScope: false }); // lifecyclestage "customer"
    // 105: Director of IT (senior title 35) at 85 employees (35) in Financial Services (30): fit 100; no events:
    // engagement 0; total 0.5 × 100 = 50 → grade A4, stage MQL (≥ 40)
    expect(lines[4]).toMatchObject({ id: '105', fit: 100, engagement: 0, total: 50, grade: 'A4', stage: 'MQL' });
    // 102: student (−40) with a gmail address (−15): −55, floored to 0. Engagement: a pricing view 19.92 days
    // old, 8 × 0.5^(19.92/14) = 2.98, plus three email clicks inside the 30-day window, 3 × 5 = 15: 17.98 → 18;
    // total 0.5 × 0 + 0.5 × 17.98 = 8.99 → 9
    expect(lines[1]).toMatchObject({ id: '102', fit: 0, engagement: 18, total: 9, grade: 'D4', stage: 'none' });
    expect(lines[1]?.adjustments).toEqual([{ dimension: 'fit', groupId: null, label: 'Fit', before: -55, after: 0, points: 55, unrounded: 55 }]);
  });

  it('reports each bad line with its number, scores the others, and exits 2', async () => {
    const path = join(dir, 'contacts.jsonl');
    const good = (id: string, jobtitle: string) => JSON.stringify({ id, properties: { jobtitle, numberofemployees: 200, industry: 'SaaS' }, events: [] });
    await writeFile(
      path,
      [
        good('a', 'VP Sales'),
        '{"id": "b", "properties": {',
        '',
        JSON.stringify({ id: 'c', properties: {}, events: [{ type: 'page_view', at: 'last tuesday' }] }),
        JSON.stringify({ properties: { jobtitle: ['CEO'] } }),
        good('d', 'Intern'),
      ].join('\n'),
    );
    const r = await cli('score', '--model', starterPath, '--contacts', path, '--now', '2025-06-02T09:00:00Z');
    expect(r.code).toBe(2);
    const errors = r.stderr.trimEnd().split('\n');
    expect(errors[0]).toMatch(/^line 2: not valid JSON: /);
    expect(errors.slice(1)).toEqual([
      'line 4: events[0].at: not a time: use ISO 8601 (2025-06-01T09:30:00Z) or epoch milliseconds',
      'line 5: id: required; properties.jobtitle: expected a string, number, boolean or null',
      '3 bad lines skipped',
    ]);
    // a: senior title 35 + 200 employees 35 + SaaS 30 = 100 → total 50; d: 35 + 30 = 65 → total 32.5 → 33
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((l) => [l.id, l.fit, l.total])).toEqual([['a', 100, 50], ['d', 65, 33]]);
  });

  it('scores with a model that has warnings, printing them on stderr', async () => {
    const path = await unreachableBandModel();
    const r = await cli('score', '--model', path, '--contacts', samplesPath, '--now', '2025-06-02T09:00:00Z');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: grades.fit[0].min: 150 is above fit.max (100): this band can never apply\n');
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(13);
    // 105 has fit 100: below the unreachable 150, so the next band, A, as before.
    expect(lines[4]).toMatchObject({ id: '105', fit: 100, grade: 'A4' });
  });

  it('exits 1 for a --now that is not a time or a missing option', async () => {
    const badNow = await cli('score', '--model', starterPath, '--contacts', samplesPath, '--now', 'tomorrow');
    expect(badNow.code).toBe(1);
    expect(badNow.stderr).toMatch(/--now "tomorrow" is not a time/);
    const missing = await cli('score', '--model', starterPath);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/--model and --contacts are required/);
  });
});
