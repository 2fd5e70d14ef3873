import { describe, expect, it } from 'vitest';
import { AnalysisOptionsSchema } from '../../src/analysis/analysis-options.js';
import type { LabelledContact } from '../../src/analysis/labelled-contact.js';
import { leakageWarnings } from '../../src/analysis/leakage-guard.js';
import { learnModel } from '../../src/analysis/learn-model.js';
import { prepareColumns } from '../../src/analysis/prepare-columns.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

function warn(rows: LabelledContact[], overrides: Record<string, number> = {}) {
  const options = AnalysisOptionsSchema.parse({ now: T0, minSupportRows: 1, minSupport: 0 });
  const { profiles } = prepareColumns(rows, options);
  return leakageWarnings(profiles, rows, { ...options.leakage, ...overrides, numericBins: options.numericBins });
}

const row = (properties: Record<string, string>, converted: boolean, extra: Partial<LabelledContact> = {}): LabelledContact => ({
  properties,
  events: [],
  converted,
  ...extra,
});

describe('leakage guard', () => {
  it('computes information value and single-column AUC by hand on a small table', () => {
    // Plan: A × 4 (3 converted), B × 6 (1 converted); P = 4, N = 6.
    // IV with half-count smoothing: A: g = 3.5/4 = 0.875, b = 1.5/6 = 0.25 → 0.625·ln 3.5 = 0.782977;
    //   B: g = 1.5/4 = 0.375, b = 5.5/6 = 0.916667 → −0.541667·ln 0.409091 = 0.484151; IV = 1.267128.
    // AUC scoring rows by their level's rate (A 0.75 > B 0.1667): A-converters beat 5 B-others (15 pairs),
    //   tie the 1 A-other (3 × ½), the B-converter ties 5 B-others (5 × ½): (15 + 1.5 + 2.5) / 24 = 0.791667.
    const rows = [
      ...[true, true, true, false].map((c) => row({ Plan: 'A' }, c)),
      ...[true, false, false, false, false, false].map((c) => row({ Plan: 'B' }, c)),
    ];
    expect(warn(rows)).toEqual([]); // below every default threshold
    const [w] = warn(rows, { maxInformationValue: 1.2 });
    expect(w?.column).toBe('Plan');
    expect(w?.informationValue).toBeCloseTo(1.267128, 5);
    expect(w?.singleAuc).toBeCloseTo(19 / 24, 10);
    expect(w?.reasons).toEqual(['information value 1.27: too strong to be true']);
  });

  it('flags a level that is nearly always (or never) converted only when it holds a material share of rows', () => {
    // 40 of 200 rows "Closed by rep" all converted (20% of rows ≥ 5%, ≥ 30 rows): flagged.
    // "Lucky source": 20 rows all converted: pure but only 20 rows (< 30), not flagged by purity.
    const rows = [
      ...Array.from({ length: 40 }, () => row({ Disposition: 'Closed by rep', Source: 'Web' }, true)),
      ...Array.from({ length: 20 }, () => row({ Disposition: 'Open', Source: 'Lucky source' }, true)),
      ...Array.from({ length: 140 }, (_, i) => row({ Disposition: 'Open', Source: 'Web' }, i % 4 === 0)),
    ];
    const warnings = warn(rows, { maxInformationValue: 100, maxSingleAuc: 1 });
    expect(warnings.map((w) => w.column)).toEqual(['Disposition']);
    expect(warnings[0]!.reasons[0]).toBe('"Disposition is Closed by rep" converts at 100.0% over 40 rows: suspiciously pure');
  });

  it('flags a property recorded after the conversion for enough converters', () => {
    // 4 converters with a known conversion time; "Sales Note" was set after it for 2 (50% ≥ 25%), "Plan" for none.
    const rows = [0, 1, 2, 3].map((i) =>
      row({ 'Sales Note': `n${i % 2}`, Plan: `p${i % 2}` }, true, {
        convertedAt: T0,
        recordedAt: { 'Sales Note': i < 2 ? T0 + DAY : T0 - DAY, Plan: T0 - 10 * DAY },
      }),
    );
    rows.push(...[0, 1, 2, 3].map((i) => row({ 'Sales Note': `n${i % 2}`, Plan: `p${i % 2}` }, false)));
    const warnings = warn(rows);
    expect(warnings.map((w) => w.column)).toEqual(['Sales Note']);
    expect(warnings[0]!.reasons).toEqual(['recorded after the conversion for 50.0% of converters']);
  });

  it('flags an event type that converters mostly did after converting, and leaves it out of the model', () => {
    const rows: LabelledContact[] = Array.from({ length: 200 }, (_, i) => {
      const converted = i % 2 === 0;
      const events = [
        { type: 'page_view', at: T0 - 3 * DAY },
        ...(converted ? [{ type: 'meeting_booked', at: T0 + 2 * DAY }] : []),
      ];
      return { properties: { Plan: i % 3 === 0 ? 'Pro' : 'Free' }, events, converted, convertedAt: converted ? T0 : undefined };
    });
    const learnt = learnModel(rows, { now: T0 + 10 * DAY });
    expect(learnt.leakage.map((w) => w.column)).toEqual(['events:meeting_booked']);
    expect(learnt.leakage[0]!.reasons[0]).toBe("100.0% of converters' meeting_booked events happened after they converted");
    const eventTypes = (m: typeof learnt.model) =>
      m.engagement.groups.flatMap((g) => g.rules).flatMap((r) => ('event' in r ? [r.event.type] : []));
    expect(eventTypes(learnt.model)).not.toContain('meeting_booked');
    // Kept on request, it is the strongest signal there is: the guard is what keeps it out.
    expect(eventTypes(learnModel(rows, { now: T0 + 10 * DAY, includeLeaky: true }).model)).toContain('meeting_booked');
  });
});
