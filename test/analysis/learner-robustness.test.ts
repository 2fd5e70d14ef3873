import { describe, expect, it } from 'vitest';
import { analyzeRows, type Analysis } from '../../src/analysis/analyze-rows.js';
import type { LabelledContact } from '../../src/analysis/labelled-contact.js';
import { rocAuc } from '../../src/analysis/roc-auc.js';
import { expectDisjointRules, expectLabelsMatchConditions } from './learnt-rule-checks.js';
import { bankLike, shuffledLabels, signalTable } from './synthetic-tables.js';

const NOW = Date.UTC(2025, 5, 1);

function analyze(rows: readonly LabelledContact[], extra: { exclude?: string[]; maxRules?: number } = {}): Analysis {
  const source = { name: 'synthetic', sha256: null, rows: rows.length, skippedLines: 0 };
  return analyzeRows({ rows, options: { now: NOW, seed: 1, ...extra }, split: 0.7, folds: 5, source, outcome: 'Converted=1' });
}

/** Every learnt model of this suite: labels say what conditions test, and no two rules of a column overlap. */
function checkRules(a: Analysis, rows: readonly LabelledContact[]): void {
  if (!a.learnt) return;
  expect(a.learnt.rules.length).toBeLessThanOrEqual(10);
  expect(expectLabelsMatchConditions(a.learnt.model)).toBe(a.learnt.rules.length);
  expectDisjointRules(a.learnt.model, rows);
}

describe('the learner on awkward data', () => {
  it('reads a sentinel (999 = never) as its own category and learns that it lowers conversion', () => {
    const rows = bankLike(6000, 7);
    const a = analyze(rows);
    expect(a.verdict).toMatchObject({ ok: true });
    const truth = rocAuc(rows.map((r) => r.trueLogit), rows.map((r) => r.converted)).auc;
    expect(truth).toBeGreaterThan(0.72);
    expect(truth).toBeLessThan(0.79);
    expect(a.holdout!.auc.auc).toBeGreaterThanOrEqual(0.7);
    const pdays = a.learnt!.model.fit.groups.concat(a.learnt!.model.engagement.groups).find((g) => g.label === 'pdays');
    expect(pdays, 'a rule on pdays').toBeDefined();
    // Right sign: the contacted (a real day count) earn points; "999" earns none and is no end of a range.
    for (const rule of pdays!.rules) {
      expect(rule.label).not.toMatch(/is 999$/);
      expect(rule.label).not.toMatch(/≥/);
    }
    expect(pdays!.rules.some((r) => r.points > 0 && /below 999|to under 999/.test(r.label))).toBe(true);
    checkRules(a, rows);
  });

  it('finds a real signal behind a 2% outcome', () => {
    const rows = signalTable(8000, 3, 0.02).map((r) => ({ ...r, properties: { Plan: r.properties.Plan, Seats: r.properties.Seats } }));
    const a = analyze(rows);
    expect(rows.filter((r) => r.converted).length / rows.length).toBeLessThan(0.035);
    expect(a.learnt!.rules.length).toBeGreaterThanOrEqual(1);
    expect(a.learnt!.rules.map((r) => r.label)).toContain('Plan is Enterprise');
    expect(a.verdict.ok).toBe(true);
    checkRules(a, rows);
  });

  it('ignores an empty and a constant column, flags a column filled in only for converters, reads text in a number column as unknown', () => {
    const rows = signalTable(3000, 5, 0.2);
    const a = analyze(rows);
    const skipped = Object.fromEntries(a.learnt!.skipped.map((s) => [s.column, s.reason]));
    expect(skipped).toMatchObject({ Empty: 'empty', Region: 'constant', 'Billing Cycle': 'leakage' });
    const leak = a.learnt!.leakage.find((w) => w.column === 'Billing Cycle')!;
    expect(leak.reasons.join(' ')).toMatch(/filled in for 100\.0% of converters and 0\.0% of the others/);
    const seats = a.learnt!.signals.filter((s) => s.column === 'Seats');
    expect(seats.some((s) => s.spec.type === 'range')).toBe(true);
    expect(seats.find((s) => s.spec.type === 'noNumber')?.label).toBe('Seats is unknown or not a number');
    checkRules(a, rows);
  });

  it('writes no model from shuffled labels, and says why in one sentence', () => {
    const rows = shuffledLabels(bankLike(3000, 11), 2);
    const a = analyze(rows);
    expect(a.verdict.ok).toBe(false);
    expect(a.verdict.reason).toMatch(/guessing|No rule was learnt|best single rule/);
    expect(a.verdict.reason!.split('\n')).toHaveLength(1);
  });
});
