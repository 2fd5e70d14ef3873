import type { LeakageOptions } from './analysis-options.js';
import { UNKNOWN, type ColumnProfile } from './column-profile.js';
import { columnUnits } from './column-units.js';
import { specLabel } from './feature-spec.js';
import type { LabelledContact } from './labelled-contact.js';
import { rocAuc } from './roc-auc.js';
import { eventTime } from './event-features.js';

/** A column (or `events:<type>`) that looks like it encodes the outcome, with every reason found. */
export type LeakageWarning = { column: string; reasons: string[]; singleAuc: number | null; informationValue: number | null };

/**
 * Flags predictors a trustworthy model must not use, because they are (or follow from) the outcome:
 * 1. a part of a categorical column converting at ≥ highRate or ≤ lowRate (at most a fifth of the base rate, at
 *    least a fifth of the way from the base rate to 100%) while holding ≥ materialShare of the rows (real fit signals are rarely that pure at that size; sales dispositions such as "Closed by …" are);
 * 2. the column alone ranks converters with ROC AUC ≥ maxSingleAuc;
 * 3. whether it is filled in at all ranks converters with ROC AUC ≥ maxSingleAuc (a field completed only once a
 *    contact converted);
 * 4. a categorical column's information value (Σ (%conv − %non) · ln(%conv / %non) over its parts) ≥
 *    maxInformationValue;
 * 5. with timing data, a value or event recorded after the conversion for ≥ afterOutcomeShare of converters.
 * The first four are heuristics and say so; the fifth is evidence. Profiles are the property columns to check.
 */
export function leakageWarnings(
  profiles: readonly ColumnProfile[],
  rows: readonly LabelledContact[],
  options: LeakageOptions & { numericBins: number },
): LeakageWarning[] {
  const labels = rows.map((r) => r.converted);
  const out: LeakageWarning[] = [];
  // Purity is judged against the base rate: with a 2% outcome most levels convert at ≤ 2% and say nothing.
  const base = rows.length ? labels.filter(Boolean).length / rows.length : 0;
  const low = Math.min(options.lowRate, base / 5);
  const high = Math.max(options.highRate, 1 - (1 - base) / 5);
  for (const p of profiles) {
    const reasons: string[] = [];
    const { units, unitOf } = columnUnits(p, labels, options.numericBins);
    const material = Math.max(30, options.materialShare * rows.length);
    // Purity and information value are read on categorical columns only: a sales disposition is a set of labels,
    // while a numeric engagement measure (pages, seconds, exit rate) legitimately has ranges that rarely convert.
    const categorical = p.kind !== 'numeric';
    for (const u of units) {
      const rate = u.rows > 0 ? u.positives / u.rows : 0;
      if (categorical && u.rows >= material && (rate >= high || rate <= low)) {
        reasons.push(`"${specLabel(u.spec)}" converts at ${pct(rate)} over ${u.rows} rows: suspiciously pure`);
      }
    }
    const rates = units.map((u) => (u.rows > 0 ? u.positives / u.rows : 0));
    const scored = [...unitOf].map((u) => (u >= 0 ? rates[u]! : -1));
    const singleAuc = rocAuc(scored, labels).auc;
    if (singleAuc >= options.maxSingleAuc) reasons.push(`alone it ranks converters with ROC AUC ${singleAuc.toFixed(3)}`);
    const missing = missingness(p, labels);
    if (missing && missing.auc >= options.maxSingleAuc) {
      reasons.push(
        `filled in for ${pct(missing.converters)} of converters and ${pct(missing.others)} of the others: ` +
          'whether it is filled in gives the outcome away (a field completed after conversion?)',
      );
    }
    const iv = informationValue(units, labels);
    if (categorical && iv >= options.maxInformationValue) reasons.push(`information value ${iv.toFixed(2)}: too strong to be true`);
    const after = afterOutcome(rows, (r) => {
      const at = r.recordedAt?.[p.column];
      return at === undefined ? [] : [at];
    });
    if (after !== null && after >= options.afterOutcomeShare) {
      reasons.push(`recorded after the conversion for ${pct(after)} of converters`);
    }
    if (reasons.length) out.push({ column: p.column, reasons, singleAuc, informationValue: iv });
  }
  for (const type of [...new Set(rows.flatMap((r) => r.events.map((e) => e.type)))].sort()) {
    const after = afterOutcome(rows, (r) => r.events.filter((e) => e.type === type).map((e) => eventTime(e.at)));
    if (after !== null && after >= options.afterOutcomeShare) {
      out.push({
        column: `events:${type}`,
        reasons: [`${pct(after)} of converters' ${type} events happened after they converted`],
        singleAuc: null,
        informationValue: null,
      });
    }
  }
  return out;
}

/**
 * How well "the column is filled in" alone separates converters: the share of each outcome with a value, and the
 * ROC AUC of that one yes/no signal ((TPR + TNR) / 2). Null when every row or none has a value.
 */
function missingness(p: ColumnProfile, labels: readonly boolean[]): { converters: number; others: number; auc: number } | null {
  let knownPos = 0;
  let knownNeg = 0;
  let pos = 0;
  p.codes.forEach((c, i) => {
    const known = c !== UNKNOWN;
    if (labels[i]) {
      pos++;
      if (known) knownPos++;
    } else if (known) knownNeg++;
  });
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0 || knownPos + knownNeg === 0 || knownPos + knownNeg === labels.length) return null;
  const converters = knownPos / pos;
  const others = knownNeg / neg;
  return { converters, others, auc: 0.5 + Math.abs(converters - others) / 2 };
}

function informationValue(units: readonly { rows: number; positives: number }[], labels: readonly boolean[]): number {
  const positives = labels.filter(Boolean).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return 0;
  let iv = 0;
  for (const u of units) {
    if (u.rows === 0) continue;
    // Half a count added to each side keeps a pure part finite (the usual Laplace-style correction).
    const g = (u.positives + 0.5) / positives;
    const b = (u.rows - u.positives + 0.5) / negatives;
    iv += (g - b) * Math.log(g / b);
  }
  return iv;
}

/** Among converters with a known conversion time and at least one timestamp, the share recorded after it. */
function afterOutcome(rows: readonly LabelledContact[], times: (r: LabelledContact) => number[]): number | null {
  let considered = 0;
  let late = 0;
  for (const r of rows) {
    if (!r.converted || r.convertedAt === undefined) continue;
    const ts = times(r).filter((t) => !Number.isNaN(t));
    if (ts.length === 0) continue;
    considered++;
    if (ts.some((t) => t > r.convertedAt!)) late++;
  }
  return considered === 0 ? null : late / considered;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
