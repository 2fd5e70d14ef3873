import { AppError } from '../errors.js';
import { parseModel } from '../scoring/index.js';
import type { AccuracyReport } from './accuracy-report-schema.js';
import type { BuiltRule } from './build-model.js';
import { evaluateModel } from './evaluate-model.js';
import type { LabelledContact } from './labelled-contact.js';
import type { LeakageWarning } from './leakage-guard.js';
import { learnWithBaseline } from './learn-model.js';
import { modelVerdict } from './model-verdict.js';
import { NO_USEFUL_MODEL } from '../contract/analysis.js';
import { diffModels } from './model-diff.js';
import type { Model } from './model-types.js';
import type { SkippedColumn } from './prepare-columns.js';
import type { ModelDiff, ScoreCount } from './report-schemas.js';
import { scoreRows } from './score-rows.js';
import { splitRows } from './split-rows.js';

export type SuggestOptions = {
  now: number;
  seed?: number;
  /** Share of the contacts learnt from; the rest measure both models (default 0.7). */
  split?: number;
  maxRules?: number;
  /** Property names never used (besides the ones the leakage guard sets aside). */
  exclude?: string[];
  /** Fewest converters and fewest others to learn from (default 10 each). */
  minEach?: number;
  /** The portal's property labels by name, so learnt rules read "Job Title contains …", not "jobtitle …". */
  propertyLabels?: Record<string, string>;
};

/** A model learnt from a portal's contacts, measured beside the current one on contacts neither learnt from. */
export type Suggestion = {
  suggested: Model;
  rules: BuiltRule[];
  leakage: LeakageWarning[];
  skipped: SkippedColumn[];
  training: { rows: number; positives: number; baseRate: number };
  heldOut: { rows: number; positives: number };
  accuracy: { suggested: AccuracyReport; current: AccuracyReport | null };
  /** Held-out contacts and converters per total score, for precision at any threshold. */
  outcomes: { suggested: ScoreCount[]; current: ScoreCount[] | null };
  diff: ModelDiff | null;
};

/**
 * Learns a model from labelled contacts on a seeded, stratified `split` of them and measures it and the current
 * model on the rest, so the two accuracy reports are comparable and neither is flattered by data it learnt from.
 * The suggestion keeps the current model's id, name, property prefix and scope, so adopting it as the draft writes
 * the same HubSpot properties for the same contacts. Throws `NOT_ENOUGH_DATA` below `minEach` of either outcome,
 * and `NO_USEFUL_MODEL` (the message starting with NO_USEFUL_MODEL, then the reason) when the learnt model does not
 * beat its baselines on the held-out contacts (model-verdict.ts): no suggestion is made then.
 */
export function suggestModel(rows: readonly LabelledContact[], current: Model | null, options: SuggestOptions): Suggestion {
  const minEach = options.minEach ?? 10;
  const positives = rows.filter((r) => r.converted).length;
  if (positives < minEach || rows.length - positives < minEach) {
    throw new AppError(
      'NOT_ENOUGH_DATA',
      `Learning needs at least ${minEach} converted and ${minEach} unconverted contacts; found ${positives} and ${rows.length - positives}.`,
    );
  }
  const seed = options.seed ?? 1;
  const { train, test } = splitRows(rows, options.split ?? 0.7, seed);
  const { result: learnt, bestSingle } = learnWithBaseline(train, {
    now: options.now,
    seed,
    ...(options.maxRules ? { maxRules: options.maxRules } : {}),
    exclude: options.exclude ?? [],
    ...(options.propertyLabels ? { propertyLabels: options.propertyLabels } : {}),
    ...(current ? { model: { id: current.id, name: current.name, propertyPrefix: current.propertyPrefix } } : {}),
  });
  const suggested = current?.scope ? withScope(learnt.model, current.scope) : learnt.model;
  const accuracy = evaluateModel(suggested, test, options.now);
  const measurable = accuracy.positives > 0 && accuracy.positives < accuracy.rows;
  const verdict = modelVerdict({
    rules: learnt.rules.length,
    crossValidation: null,
    heldOutAuc: measurable ? accuracy.auc.auc : null,
    heldOutSingleAuc: measurable && bestSingle ? evaluateModel(bestSingle, test, options.now).auc.auc : null,
  });
  if (!verdict.ok) throw new AppError('NO_USEFUL_MODEL', `${NO_USEFUL_MODEL}${verdict.reason}`);
  return {
    suggested,
    rules: learnt.rules,
    leakage: learnt.leakage,
    skipped: learnt.skipped,
    training: learnt.training,
    heldOut: { rows: test.length, positives: test.filter((r) => r.converted).length },
    accuracy: { suggested: accuracy, current: current ? evaluateModel(current, test, options.now) : null },
    outcomes: { suggested: scoreCounts(suggested, test, options.now), current: current ? scoreCounts(current, test, options.now) : null },
    diff: current ? diffModels(current, suggested) : null,
  };
}

function withScope(model: Model, scope: NonNullable<Model['scope']>): Model {
  const parsed = parseModel({ ...model, scope });
  if (!parsed.ok) throw new Error(`learnt model with the current scope is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.model;
}

/** Rows and converters per rounded total, in-scope rows only, highest score first. */
export function scoreCounts(model: Model, rows: readonly LabelledContact[], now: number): ScoreCount[] {
  const s = scoreRows(model, rows, now);
  const by = new Map<number, ScoreCount>();
  s.total.forEach((total, i) => {
    const c = by.get(total) ?? { score: total, rows: 0, positives: 0 };
    c.rows++;
    if (s.labels[i]) c.positives++;
    by.set(total, c);
  });
  return [...by.values()].sort((a, b) => b.score - a.score);
}
