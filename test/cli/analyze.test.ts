import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/cli/csv-table.js';
import { modelProperties, parseModel, type Model } from '../../src/scoring/index.js';
import { expectDisjointRules, expectLabelsMatchConditions } from '../analysis/learnt-rule-checks.js';
import { bankLike, shuffledLabels, toCsv } from '../analysis/synthetic-tables.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The dataset: the repository's copy when present, else the shared folder beside the repository. */
const dataset = [join(root, 'data/leads-x-education.csv'), join(root, '../shared/data/leads-x-education.csv')].find((p) =>
  existsSync(p),
);
const POST_SALES = [
  'Tags',
  'Lead Quality',
  'Lead Profile',
  'Last Notable Activity',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
].join(',');

type Run = { code: number; stdout: string; stderr: string };

/** Runs the real `lead-scoring` command in a child process. */
function cli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, 'bin/lead-scoring.js'), ...args], { cwd: root, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'analyze-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lead-scoring analyze on the X Education leads', () => {
  beforeAll(() => {
    // Fail, not skip: these tests are the evidence that learning works on real data.
    if (!dataset) throw new Error('leads-x-education.csv not found in data/ or ../shared/data/ beside the repository');
  });

  it('learns ≤ 10 rules on a seeded 70% split that rank the held-out 30% with ROC AUC ≥ 0.877', { timeout: 120_000 }, async () => {
    const out = join(dir, 'model.json');
    const run = await cli(['analyze', '--csv', dataset!, '--outcome', 'Converted=1', '--exclude', POST_SALES,
      '--split', '0.7', '--seed', '1', '--out', out, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.split).toMatchObject({ share: 0.7, seed: 1, trainRows: 6466, testRows: 2771 });
    expect(result.holdout.auc.auc).toBeGreaterThanOrEqual(0.877);
    expect(result.verdict).toEqual({ ok: true, reason: null, checked: true });
    expect(result.crossValidation.mean).toBeGreaterThan(result.crossValidation.bestSingleRule.mean);
    expect(result.crossValidation.folds).toBe(5);
    expect(result.crossValidation.mean).toBeGreaterThanOrEqual(0.85);

    const parsed = parseModel(JSON.parse(await readFile(out, 'utf8')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const model: Model = parsed.model;
    const rules = [...model.fit.groups, ...model.engagement.groups].flatMap((g) => g.rules);
    expect(rules.length).toBeLessThanOrEqual(10);
    expect(expectLabelsMatchConditions(model)).toBe(rules.length);
    expect(model.description).toMatch(/^Learnt from 6466 of 9237 rows \(a 0\.7 split, seed 1\) of leads-x-education\.csv \(SHA-256 [0-9a-f]{16}…\), outcome Converted=1; 5-fold cross-validated ROC AUC 0\.8\d\d\.$/);
    const provenance = JSON.parse(await readFile(join(dir, 'model.provenance.json'), 'utf8'));
    expect(provenance).toMatchObject({ outcome: 'Converted=1', split: { share: 0.7, seed: 1, trainRows: 6466 }, folds: 5 });
    expect(provenance.learntRows).toHaveLength(6466);
    for (const excluded of POST_SALES.split(',')) expect(modelProperties(model)).not.toContain(excluded);

    // The written model, evaluated by the other command on the whole file, ranks about as well.
    const evaluated = await cli(['evaluate', '--model', out, '--csv', dataset!, '--outcome', 'Converted=1', '--json']);
    expect(evaluated.code).toBe(0);
    const report = JSON.parse(evaluated.stdout);
    expect(report.rows).toBe(9237);
    expect(report.auc.auc).toBeGreaterThanOrEqual(0.87);
    expect(report.liftByDecile).toHaveLength(10);
    expect(report.stages.map((s: { label: string }) => s.label)).toEqual(model.stages.map((s) => s.label));

    // Those rows include the 70% it learnt from, and evaluate says so.
    expect(evaluated.stderr).toContain('Caution: 6466 of these 9237 rows (70.0%) are rows the model learnt from');
    const table = await cli(['evaluate', '--model', out, '--csv', dataset!, '--outcome', 'Converted=1']);
    expect(table.stdout).toContain(`ROC AUC ${report.auc.auc.toFixed(3)}`);
    expect(table.stdout).toMatch(/Lift by decile[\s\S]*Calibration[\s\S]*Stages/);
  });

  it('names Tags and Lead Quality as leaky when nothing is excluded, and leaves them out', { timeout: 120_000 }, async () => {
    const run = await cli(['analyze', '--csv', dataset!, '--outcome', 'Converted=1', '--folds', '0', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    const leaky = result.leakage.map((w: { column: string }) => w.column);
    expect(leaky).toEqual(expect.arrayContaining(['Tags', 'Lead Quality']));
    const properties = modelProperties(result.model);
    expect(properties).not.toContain('Tags');
    expect(properties).not.toContain('Lead Quality');
  });
});

describe('lead-scoring analyze on the online shoppers data, as shipped (semicolons)', () => {
  const shoppers = [join(root, 'data/online-shoppers-intention.csv'), join(root, '../shared/data/online-shoppers-intention.csv')].find((p) =>
    existsSync(p),
  );

  it('learns ≤ 10 disjoint, truthfully labelled rules that rank the held-out 30% with ROC AUC ≥ 0.89', { timeout: 120_000 }, async () => {
    if (!shoppers) throw new Error('online-shoppers-intention.csv not found in data/');
    const run = await cli(['analyze', '--csv', shoppers, '--outcome', 'Revenue=TRUE', '--split', '0.7', '--seed', '1', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.split).toMatchObject({ trainRows: 8631, testRows: 3699 });
    expect(result.holdout.auc.auc).toBeGreaterThanOrEqual(0.89);
    expect(result.rules.length).toBeLessThanOrEqual(10);
    const model = parseModel(result.model);
    if (!model.ok) throw new Error(JSON.stringify(model.errors));
    expect(expectLabelsMatchConditions(model.model)).toBe(result.rules.length);
    expectDisjointRules(model.model, parseCsvText(await readFile(shoppers, 'utf8')).rows.map((properties) => ({ properties })));
  });
});

describe('lead-scoring analyze on data with no signal', () => {
  it('exits 2, writes no model and says why when the labels are shuffled', { timeout: 120_000 }, async () => {
    const file = join(dir, 'shuffled.csv');
    await writeFile(file, toCsv(shuffledLabels(bankLike(2000, 3), 5)));
    const out = join(dir, 'shuffled-model.json');
    const run = await cli(['analyze', '--csv', file, '--outcome', 'Converted=1', '--split', '0.7', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^lead-scoring analyze: no model written: .*(guessing|No rule was learnt|best single rule).*\n$/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('lead-scoring analyze and evaluate on a small CSV', () => {
  // 60 rows: Plan "Pro" converts 14 of 20 (i mod 10 in 1..7), "Free" 6 of 40 (i = 21, 28, …, 56); "Stage Note" is
  // the outcome written down ("Won"/"Lost"); "Email" is an identifier.
  const csv = [
    'Email,Plan,Stage Note,Closed',
    ...Array.from({ length: 60 }, (_, i) => {
      const pro = i < 20;
      const closed = pro ? i % 10 >= 1 && i % 10 <= 7 : i % 7 === 0;
      return `lead${i}@example.com,${pro ? 'Pro' : 'Free'},${closed ? 'Won' : 'Lost'},${closed ? 'yes' : 'no'}`;
    }),
  ].join('\n');

  it('prints the rules and the leakage warning, and keeps the flagged column only when insisted on', async () => {
    const file = join(dir, 'small.csv');
    await writeFile(file, csv);
    const plain = await cli(['analyze', '--csv', file, '--outcome', 'Closed=Yes', '--folds', '0', '--max-rules', '3']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/Leakage guard[\s\S]*Stage Note \(left out\)/);
    expect(plain.stdout).toContain('Not used (identifiers): Email');
    // "Free" and "Pro" are the only values: the rule scores everything but "Free" (unknown included).
    expect(plain.stdout).toMatch(/fit\s+\+100\s+Plan is not Free/);
    const insisted = await cli(['analyze', '--csv', file, '--outcome', 'Closed=yes', '--folds', '0', '--insist', 'Stage Note', '--json']);
    expect(modelProperties(JSON.parse(insisted.stdout).model)).toContain('Stage Note');
  });

  it('fails with exit 1 and a clear message on a missing outcome column or value', async () => {
    const file = join(dir, 'small.csv');
    await writeFile(file, csv);
    const column = await cli(['analyze', '--csv', file, '--outcome', 'Converted=1']);
    expect(column.code).toBe(1);
    expect(column.stderr).toContain('no column "Converted" in the CSV');
    const value = await cli(['analyze', '--csv', file, '--outcome', 'Closed=won']);
    expect(value.code).toBe(1);
    expect(value.stderr).toContain('no row has Closed = "won"; values seen: "no", "yes"');
    const split = await cli(['analyze', '--csv', file, '--outcome', 'Closed=yes', '--split', '70']);
    expect(split.stderr).toContain('--split expects a share between 0 and 1');
  });

  it('rejects an invalid model file, naming each error by its path', async () => {
    const file = join(dir, 'small.csv');
    const bad = join(dir, 'bad.json');
    await writeFile(file, csv);
    await writeFile(bad, JSON.stringify({ id: 'x', name: 'X', fit: { groups: [] }, engagement: { groups: [] }, stages: [{ label: 'SQL', min: -5 }] }));
    const run = await cli(['evaluate', '--model', bad, '--csv', file, '--outcome', 'Closed=yes']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('stages[0].min');
  });
});
