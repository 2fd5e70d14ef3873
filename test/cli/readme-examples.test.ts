import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The `npx lead-scoring <command> …` lines of a document's code blocks, without a trailing `# comment`. */
function commands(doc: string, command: string): string[][] {
  const text = readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.startsWith(`npx lead-scoring ${command} `))
    .map((line) => line.replace(/\s+#.*$/, '').split(/\s+/).slice(2));
}

/** Runs what `npx lead-scoring` runs (the package's bin) with the document's arguments, from the repository root. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/lead-scoring.js', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

describe.each(['README.md', 'examples/README.md'])('the examples of %s', (doc) => {
  it('validate the starter model as written', async () => {
    const [args] = commands(doc, 'validate');
    expect(args).toEqual(['validate', 'examples/starter-model.json']);
    const r = await run(args!);
    expect(r).toEqual({ code: 0, stdout: 'valid: starter (10 rules)\n', stderr: '' });
  });

  it('score the sample contacts as written, and show engagement', async () => {
    const all = commands(doc, 'score');
    expect(all).toHaveLength(1);
    const r = await run(all[0]!);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; engagement?: number });
    expect(lines).toHaveLength(13);
    const engaged = lines.filter((l) => (l.engagement ?? 0) > 0).map((l) => l.id);
    // Most sample contacts have recent events; a --now long after them would leave every engagement at 0.
    expect(engaged.length).toBeGreaterThanOrEqual(8);
  });
});
