import { ValidationError } from '../errors.js';
import { parseModel } from '../scoring/index.js';
import { AnalysisOptionsSchema, type AnalysisOptions, type AnalysisOptionsInput } from './analysis-options.js';
import { buildModel, type BuiltRule } from './build-model.js';
import { categoricalFeatures, numericFeatures, usableFeatures, type Feature } from './candidate-features.js';
import { dimensionOf } from './dimension-of.js';
import { eventFeatures } from './event-features.js';
import { cellRuleCount } from './column-cells.js';
import type { ColumnProfile } from './column-profile.js';
import { specColumn, specLabel, type FeatureSpec } from './feature-spec.js';
import { forwardSelection } from './forward-selection.js';
import { fitLogistic } from './logistic-fit.js';
import type { LabelledContact } from './labelled-contact.js';
import { leakageWarnings, type LeakageWarning } from './leakage-guard.js';
import type { Model } from './model-types.js';
import { minRows, prepareColumns, type SkippedColumn } from './prepare-columns.js';
import { proposeGrades, proposeStages } from './propose-thresholds.js';
import { scoreRows } from './score-rows.js';
import { signalReport, type Signal } from './signal-report.js';

/** A learnt model and how it was learnt. JSON-serialisable. */
export type LearnResult = {
  model: Model;
  rules: BuiltRule[];
  leakage: LeakageWarning[];
  skipped: SkippedColumn[];
  signals: Signal[];
  training: { rows: number; positives: number; baseRate: number };
  /** How the final logistic fit went: converged, its iterations, its largest coefficient, candidates turned away. */
  fit: { converged: boolean; iterations: number; maxAbsCoef: number; rejected: { signal: string; reason: string }[] };
};

/** Parses analysis options, naming every invalid one by path. */
export function analysisOptions(input: AnalysisOptionsInput): AnalysisOptions {
  const parsed = AnalysisOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

/**
 * Learns a points model from labelled contacts: profile the columns, set aside leaky ones (unless insisted on),
 * build candidate signals, choose at most `maxRules` by forward selection on a logistic fit, turn the fit into
 * integer points, then propose grades and stages from the engine's scores of the same rows. The model passes
 * `parseModel`. Deterministic: same rows and options, same model.
 */
export function learnModel(rows: readonly LabelledContact[], input: AnalysisOptionsInput): LearnResult {
  return learnWithBaseline(rows, input).result;
}

/**
 * learnModel, and beside it the simplest model worth comparing with: the first signal forward selection chose,
 * alone, refitted (the best single rule; null when nothing was chosen). Cross-validation measures both.
 */
export function learnWithBaseline(rows: readonly LabelledContact[], input: AnalysisOptionsInput): { result: LearnResult; bestSingle: Model | null } {
  const options = analysisOptions(input);
  const labels = rows.map((r) => r.converted);
  const positives = labels.filter(Boolean).length;
  if (positives === 0 || positives === rows.length) {
    throw new ValidationError([{ path: 'rows', message: 'needs both converted and unconverted contacts to learn from' }]);
  }
  const { profiles, skipped } = prepareColumns(rows, options);
  const leakage = options.reports ? leakageWarnings(profiles, rows, { ...options.leakage, numericBins: options.numericBins }) : [];
  const insisted = new Set(options.insist.map((c) => c.toLowerCase()));
  const leaky = new Set(
    options.includeLeaky ? [] : leakage.map((w) => w.column).filter((c) => !insisted.has(c.toLowerCase())),
  );
  for (const column of leaky) skipped.push({ column, reason: 'leakage' });
  const userExcluded = new Set(options.exclude.map((c) => c.toLowerCase()));
  const placed = (column: string) => dimensionOf(column, options.dimensions);
  const events = eventFeatures(rows, options.now, options.eventWindows, options.eventCaps).filter(
    (f) => !userExcluded.has(specColumn(f.spec).toLowerCase()),
  );
  const signals = options.reports ? signalReport(profiles, events, labels, options.numericBins, placed) : [];

  const candidates: Feature[] = [];
  for (const p of profiles) {
    if (leaky.has(p.column)) continue;
    candidates.push(...(p.kind === 'numeric' ? numericFeatures(p, options.numericBins) : categoricalFeatures(p)));
  }
  candidates.push(...events.filter((f) => !leaky.has(specColumn(f.spec))));
  const usable = usableFeatures(candidates, minRows(rows.length, options));
  const y = Float64Array.from(labels, (b) => (b ? 1 : 0));
  const byColumn = new Map(profiles.map((p) => [p.column, p]));
  const selection = forwardSelection(usable, y, {
    maxRules: options.maxRules,
    ridge: options.ridge,
    minStatistic: 10.83,
    allowNegative: (f) => f.spec.type !== 'events',
    ruleCount: (chosen) => ruleCount(chosen.map((c) => usable[c]!.spec), byColumn),
  });
  const chosen = selection.chosen.map((c, j) => ({ feature: usable[c]!, coef: selection.fit.coefs[j]! }));
  const nameOf = (column: string) => options.propertyLabels[column] ?? column;
  const built = buildModel(chosen, options.model, options.unknownTokens, placed, byColumn, nameOf);
  const first = selection.chosen[0];
  const bestSingle =
    first === undefined
      ? null
      : mustParse(buildModel([{ feature: usable[first]!, coef: fitLogistic([usable[first]!.x], y, options.ridge).coefs[0]! }],
          options.model, options.unknownTokens, placed, byColumn, nameOf).model);
  const draft = mustParse(built.model);
  const scored = options.reports ? scoreRows(draft, rows, options.now) : null;
  const model = scored
    ? mustParse({
        ...built.model,
        grades: proposeGrades(scored.fit, scored.engagement),
        stages: proposeStages(scored.total, scored.labels, options.stages),
      })
    : draft;
  const result: LearnResult = {
    model,
    rules: built.rules,
    leakage,
    skipped,
    signals,
    training: { rows: rows.length, positives, baseRate: positives / rows.length },
    fit: {
      converged: selection.fit.converged,
      iterations: selection.fit.iterations,
      maxAbsCoef: selection.fit.maxAbsCoef,
      rejected: selection.rejected.map((r) => ({ signal: specLabel(usable[r.index]!.spec), reason: r.reason })),
    },
  };
  return { result, bestSingle };
}

/** Rules the chosen signals become: per property column its disjoint cells (column-cells.ts), one per event signal. */
function ruleCount(specs: readonly FeatureSpec[], profiles: ReadonlyMap<string, ColumnProfile>): number {
  const byColumn = new Map<string, FeatureSpec[]>();
  let events = 0;
  for (const s of specs) {
    if (s.type === 'events') events++;
    else byColumn.set(s.column, [...(byColumn.get(s.column) ?? []), s]);
  }
  let total = events;
  for (const [column, own] of byColumn) total += cellRuleCount(profiles.get(column)!, own);
  return total;
}

/** A built model that the engine rejects is a defect here, not a user error: fail loudly with its errors. */
function mustParse(doc: unknown): Model {
  const parsed = parseModel(doc);
  if (!parsed.ok) throw new Error(`learnt model is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return parsed.model;
}
