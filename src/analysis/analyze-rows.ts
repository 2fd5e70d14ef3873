import type { AccuracyReport, CrossValidation } from './accuracy-report-schema.js';
import type { AnalysisOptionsInput } from './analysis-options.js';
import { crossValidate } from './cross-validate.js';
import { evaluateModel } from './evaluate-model.js';
import type { LabelledContact } from './labelled-contact.js';
import { learnModel, type LearnResult } from './learn-model.js';
import { modelVerdict, type Verdict } from './model-verdict.js';
import { rowFingerprint } from './row-fingerprint.js';
import { splitRows } from './split-rows.js';

/** Where a learnt model came from: enough to reproduce it and to recognise the rows it learnt from. */
export type Provenance = {
  source: { name: string; sha256: string | null; rows: number; skippedLines: number };
  outcome: string;
  split: { share: number; seed: number; trainRows: number; testRows: number } | null;
  folds: number;
  seed: number;
  /** rowFingerprint of every row learnt from. */
  learntRows: string[];
};

/** Everything `analyze` reports: the learnt model (null when refused), how it was measured, the verdict. */
export type Analysis = {
  learnt: LearnResult | null;
  crossValidation: CrossValidation | null;
  holdout: AccuracyReport | null;
  verdict: Verdict;
  provenance: Provenance;
};

export type AnalyzeInput = {
  rows: readonly LabelledContact[];
  options: AnalysisOptionsInput;
  /** Share learnt from (the rest is held out), or null to learn from every row. */
  split: number | null;
  folds: number;
  source: Provenance['source'];
  outcome: string;
};

/**
 * The analysis as the CLI runs it, pure: split (seeded, stratified), learn, cross-validate within the learning
 * rows against the baselines, measure on the held-out rows, judge (model-verdict.ts). Never throws on data it
 * cannot learn from: too few converters or others is a refusal with its reason, like a model that does not beat
 * its baselines. Folds are reduced to the number of converters (or others) when there are fewer.
 */
export function analyzeRows(input: AnalyzeInput): Analysis {
  const seed = input.options.seed ?? 1;
  const { train, test } = input.split === null ? { train: [...input.rows], test: [] } : splitRows(input.rows, input.split, seed);
  const positives = train.filter((r) => r.converted).length;
  const fewest = Math.min(positives, train.length - positives);
  const provenance: Provenance = {
    source: input.source,
    outcome: input.outcome,
    split: input.split === null ? null : { share: input.split, seed, trainRows: train.length, testRows: test.length },
    folds: Math.min(input.folds, fewest),
    seed,
    learntRows: train.map(rowFingerprint),
  };
  if (fewest < 2) {
    const reason = `Learning needs at least 2 converted and 2 unconverted rows; the learning rows have ${positives} and ${train.length - positives}.`;
    return { learnt: null, crossValidation: null, holdout: null, verdict: { ok: false, reason, checked: false }, provenance };
  }
  const learnt = learnModel(train, input.options);
  const leaky = learnt.skipped.filter((s) => s.reason === 'leakage').map((s) => s.column);
  const crossValidation = provenance.folds >= 2 ? crossValidate(train, input.options, leaky, provenance.folds) : null;
  const holdout = test.length ? evaluateModel(learnt.model, test, input.options.now) : null;
  const heldOutAuc = holdout && holdout.positives > 0 && holdout.positives < holdout.rows ? holdout.auc.auc : null;
  const verdict = modelVerdict({ rules: learnt.rules.length, crossValidation, heldOutAuc });
  return { learnt, crossValidation, holdout, verdict, provenance };
}

/** The provenance as one sentence for the model's `description` (the model format's notes field, ≤ 2,000 characters). */
export function describeProvenance(p: Provenance, cv: CrossValidation | null): string {
  const rows = p.split ? `${p.split.trainRows} of ${p.source.rows} rows (a ${p.split.share} split, seed ${p.split.seed})` : `${p.source.rows} rows`;
  const hash = p.source.sha256 ? ` (SHA-256 ${p.source.sha256.slice(0, 16)}…)` : '';
  const measured = cv ? `; ${cv.folds}-fold cross-validated ROC AUC ${cv.mean.toFixed(3)}` : '';
  return `Learnt from ${rows} of ${p.source.name}${hash}, outcome ${p.outcome}${measured}.`.slice(0, 2000);
}
