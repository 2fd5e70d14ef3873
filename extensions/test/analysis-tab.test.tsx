import {
  Alert, BarChart, Button, EmptyState, Input, LineChart, LoadingButton, LoadingSpinner, NumberInput, StatisticsItem, TableRow, Tabs, Text,
} from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forwardAccuracy, type Conversion, type ScoreSnapshot } from '../../src/analysis/forward-accuracy.js';
import type { ForwardResponse } from '../../src/contract/index.js';
import { doneRun, liveAccuracy, noRun, queuedRun, runningRun, suggested } from './helpers/analysis-fixtures.js';
import { installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';
import { renderSettings, replyWithOneModel } from './helpers/render-settings.js';
import { allText, change } from './helpers/text.js';

const BASE = '/api/analysis/inbound';
const DAY = 86_400_000;

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); });
afterEach(() => { vi.unstubAllGlobals(); vi.restoreAllMocks(); });

/** Opens the model's Analysis tab (the tab mounts its panels, and their requests, only then). */
async function openAnalysis(r: ReturnType<typeof renderSettings>) {
  await r.waitFor(() => r.findByTestId(Input, 'model-name'));
  (r.find(Tabs).trigger as unknown as (event: string, arg: unknown) => void)('onSelectedChange', 'analysis');
}

const rowText = (r: ReturnType<typeof renderSettings>, testId: string) => allText(r.findByTestId(TableRow, testId));

describe('the Analysis tab', () => {
  it('loads nothing until it is opened', async () => {
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    expect(r.maybeFindByTestId(LoadingButton, 'analysis-start')).toBeNull();
    expect(fake.calls.some((c) => c.path.startsWith('/api/analysis'))).toBe(false);
  });

  it('learns a model, follows the run, and shows the suggestion beside the current model with both reports', async () => {
    replyWithOneModel(fake);
    fake.reply('GET', `${BASE}/suggestion`, noRun);
    fake.reply('POST', `${BASE}/suggestion`, queuedRun);
    fake.reply('GET', `${BASE}/suggestion`, runningRun);
    fake.reply('GET', `${BASE}/suggestion`, doneRun);
    fake.reply('GET', `${BASE}/accuracy`, liveAccuracy);
    fake.reply('GET', `${BASE}/forward`, { modelId: 'inbound', computedAt: '2026-11-21T10:00:00.000Z', sampled: false, report: forwardAccuracy([], [], { now: 0 }) });
    const r = renderSettings();
    await openAnalysis(r);
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'analysis-start').props.loading).toBe(false));
    change(r.findByTestId(Input, 'analysis-properties'), 'course_interest, budget');
    r.findByTestId(LoadingButton, 'analysis-start').trigger('onClick');

    await r.waitFor(() => r.findByTestId(TableRow, 'diff-rule:vp_title'));
    expect(fake.calls.find((c) => c.method === 'POST')!.body).toEqual({ reached: 'customer', properties: ['course_interest', 'budget'] });
    // The run was followed through queued and running (polled) to done.
    expect(fake.calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/suggestion`).length).toBeGreaterThanOrEqual(3);

    // The diff: each rule with its points in the current and the suggested model, then the stages.
    expect(allText(r.findByTestId(Text, 'diff-summary'))).toBe('1 rules added, 0 removed, 1 changed, 1 unchanged.');
    expect(rowText(r, 'diff-rule:vp_title')).toBe('Changed VP title fit · Role +15 +22');
    expect(rowText(r, 'diff-rule:pricing')).toBe('Same Viewed pricing page engagement · Web activity +12 +12');
    expect(rowText(r, 'diff-rule:director_title')).toBe('Added Director title fit · Role – +10');
    expect(rowText(r, 'diff-stages:SQL')).toBe('SQL ≥ 70 ≥ 60');
    expect(allText(r.findByTestId(Alert, 'analysis-leakage'))).toContain('deal_notes: "deal_notes is Won" converts at 99.0% over 120 rows: suspiciously pure');

    // The report: both models on the same held-out contacts.
    await r.waitFor(() => r.findByTestId(StatisticsItem, 'analysis-report-auc:Live v2'));
    expect(r.findByTestId(StatisticsItem, 'analysis-report-auc:Suggested').props.number).toBe('0.812 (0.772–0.852)');
    expect(r.findByTestId(StatisticsItem, 'analysis-report-auc:Live v2').props.number).toBe('0.701 (0.661–0.741)');
    expect(allText(r.findByTestId(Text, 'analysis-report-basis'))).toBe('300 contacts the suggestion did not learn from, 90 of them converted (30.0%).');
    const lift = r.findByTestId(BarChart, 'analysis-report-lift').props.data as { decile: string; model: string; lift: number }[];
    expect(lift.filter((d) => d.decile === '1')).toEqual([{ decile: '1', model: 'Suggested', lift: 2.8 }, { decile: '1', model: 'Live v2', lift: 1.9 }]);
    expect(lift).toHaveLength(20);
    const calibration = r.findByTestId(LineChart, 'analysis-report-calibration').props.data as { band: string; model: string; rate: number }[];
    // Empty bands are left out: the suggested model has no contact scoring 30–39, the live one none at 90–100.
    expect(calibration.filter((d) => d.model === 'Suggested').map((d) => d.band)).toEqual(['0–9', '10–19', '20–29', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100']);
    expect(calibration.find((d) => d.model === 'Suggested' && d.band === '90–100')!.rate).toBe(95);
    // One line per model, and the bands on the axis in order although 30–39 is empty for the first model.
    expect([...new Set(calibration.map((d) => d.model))]).toEqual(['Suggested', 'Live v2']);
    expect([...new Set(calibration.map((d) => d.band))]).toEqual(['0–9', '10–19', '20–29', '30–39', '40–49', '50–59', '60–69', '70–79', '80–89', '90–100']);
    expect(rowText(r, 'analysis-report-stage:Suggested:SQL')).toBe('Suggested SQL (≥ 60) 50 80.0% (67.0–89.0%) 44.4% (35.0–55.0%)');
  });

  it('puts the suggested model in the editor as unsaved changes', async () => {
    replyWithOneModel(fake);
    fake.reply('GET', `${BASE}/suggestion`, doneRun);
    fake.reply('GET', `${BASE}/accuracy`, liveAccuracy);
    fake.reply('GET', `${BASE}/forward`, { modelId: 'inbound', computedAt: '2026-11-21T10:00:00.000Z', sampled: false, report: forwardAccuracy([], [], { now: 0 }) });
    const r = renderSettings();
    await openAnalysis(r);
    await r.waitFor(() => r.findByTestId(Button, 'analysis-adopt'));
    r.findByTestId(Button, 'analysis-adopt').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Text, 'draft-unsaved'));
    expect(r.findByTestId(Input, 'rule-points:fit.groups[0].rules[0]').props.value).toBe(String(suggested.fit.groups[0]!.rules[0]!.points));
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'The suggested model is in the editor as unsaved changes: review it, test it, then save and publish.' }]]);
  });

  it('suggests a threshold from the leads sales can follow up each week', async () => {
    replyWithOneModel(fake);
    fake.reply('GET', `${BASE}/suggestion`, noRun);
    fake.reply('GET', `${BASE}/forward`, { modelId: 'inbound', computedAt: '2026-11-21T10:00:00.000Z', sampled: false, report: forwardAccuracy([], [], { now: 0 }) });
    fake.reply('POST', `${BASE}/capacity`, {
      modelId: 'inbound', precisionFrom: '2026-11-21T10:00:00.000Z',
      result: {
        state: 'ready', leadsPerWeek: 20, windowDays: 28, arrivals: 400, weeklyVolume: 100,
        suggested: { threshold: 64, perWeek: 19.5, precision: { successes: 40, n: 50, rate: 0.8, low: 0.67, high: 0.89 }, recall: null },
        nextLower: { threshold: 61, perWeek: 23.25, precision: null, recall: null },
      },
    });
    const r = renderSettings();
    await openAnalysis(r);
    await r.waitFor(() => r.findByTestId(NumberInput, 'capacity-leads'));
    change(r.findByTestId(NumberInput, 'capacity-leads'), 20);
    r.findByTestId(LoadingButton, 'capacity-run').trigger('onClick');
    await r.waitFor(() => r.findByTestId(StatisticsItem, 'capacity-threshold'));
    expect(fake.calls.find((c) => c.path === `${BASE}/capacity`)!.body).toEqual({ leadsPerWeek: 20 });
    expect(r.findByTestId(StatisticsItem, 'capacity-threshold').props.number).toBe(64);
    expect(r.findByTestId(StatisticsItem, 'capacity-volume').props.number).toBe('100');
    expect(allText(r.findByTestId(Text, 'capacity-suggested'))).toBe(
      'Suggested: a score of at least 64 flags about 19.5 leads a week; 80.0% (67.0–89.0%) of such leads converted in the last analysis.',
    );
    expect(allText(r.findByTestId(Text, 'capacity-next'))).toBe('One step lower, a score of at least 61 flags about 23.3 leads a week.');
  });

  it('shows forward-looking accuracy only once dated scores are old enough, as the clock moves on', async () => {
    /*
     * A server on a simulated clock: day-0 scores (known from the end of day 0, Jan 2 00:00 UTC) for 8 hot (80),
     * 4 warm (50) and 10 cold (10) contacts; the hot ones convert on days 15…22, two warm on days 24 and 25.
     * The report is the real computation over what exists at the simulated `now`.
     */
    const T0 = Date.UTC(2026, 0, 1, 12);
    let now = T0 - 3_600_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const tiers = [...Array(8).fill(80), ...Array(4).fill(50), ...Array(10).fill(10)] as number[];
    const snapshots: ScoreSnapshot[] = tiers.map((total, i) => ({ contactId: `c${i}`, at: Date.UTC(2026, 0, 2), total }));
    const conversions: Conversion[] = [...tiers.slice(0, 8).map((_, i) => ({ contactId: `c${i}`, at: T0 + (15 + i) * DAY })),
      { contactId: 'c8', at: T0 + 24 * DAY }, { contactId: 'c9', at: T0 + 25 * DAY }];
    const forward = (): { status: number; body: ForwardResponse } => ({
      status: 200,
      body: {
        modelId: 'inbound', computedAt: new Date(now).toISOString(), sampled: false,
        report: forwardAccuracy(snapshots.filter((s) => s.at <= now), conversions, { now }),
      },
    });
    replyWithOneModel(fake);
    fake.reply('GET', `${BASE}/suggestion`, noRun);
    const r = renderSettings();
    const refresh = async () => {
      const before = fake.calls.length;
      r.findByTestId(Button, 'forward-refresh').trigger('onClick');
      await r.waitFor(() => expect(fake.calls.length).toBeGreaterThan(before));
      await r.waitFor(() => expect(r.maybeFindByTestId(LoadingSpinner, 'forward-loading')).toBeNull());
    };
    // A handler, not a fixed body: each request sees the clock as it is then.
    fake.handle('GET', `${BASE}/forward`, forward);

    // Before the first snapshot: an empty state.
    await openAnalysis(r);
    await r.waitFor(() => r.findByTestId(EmptyState, 'forward-empty'));
    expect(r.findByTestId(EmptyState, 'forward-empty').props.title).toBe('No dated scores yet');

    // Day 3: scores exist, no conversion yet, and no score is a week old: when figures can first appear (portal
    // time zone, New York: Jan 9 00:00 UTC is Jan 8; 4.5 days away → 5).
    now = T0 + 3 * DAY;
    await refresh();
    expect(r.maybeFindByTestId(EmptyState, 'forward-empty')).toBeNull();
    expect(allText(r.findByTestId(Text, 'forward-waiting-when'))).toBe(
      'Scores have been kept since Jan 1, 2026: figures can appear from Jan 8, 2026 (in 5 days), as contacts convert.',
    );
    expect(r.maybeFindByTestId(TableRow, 'forward-horizon:7')).toBeNull();

    // Day 40: ten conversions, each with a score from before. 7 and 14 days before: hot contact i (of 8) meets the
    // hot ones converting later (ties, ½), 4 warm and 10 cold (wins): 22 − i pairs, 14 + (8 − i)/2 wins; the warm
    // converters meet 3 then 2 warm ties and 10 cold: (126 + 11.5 + 11) / (140 + 13 + 12) = 148.5 / 165 = 0.9.
    // Mean scores: converters (8 × 80 + 2 × 50) / 10 = 74; their comparators, pair-weighted,
    // (Σ 80·(8 − i) + 300 over the 8 hot = 4640, + 250 + 200) / 165 = 30.8.
    now = T0 + 40 * DAY;
    await refresh();
    expect(r.maybeFindByTestId(EmptyState, 'forward-waiting')).toBeNull();
    expect(rowText(r, 'forward-horizon:7')).toMatch(/^7 days before 10 21 0\.900 \(0\.\d{3}–\d\.\d{3}\) 74\.0 vs 30\.8$/);
    expect(rowText(r, 'forward-horizon:30')).toBe('30 days before 0 0 No conversion yet has a score from at least 30 days before it. –');
    expect(r.findByTestId(BarChart, 'forward-chart').props.data).toEqual([{ horizon: '7 days before', auc: 0.9 }, { horizon: '14 days before', auc: 0.9 }]);
    // The first load may use the server's kept report; each Refresh asks for a fresh one.
    expect(fake.calls.filter((c) => c.path === `${BASE}/forward`).map((c) => new URL(c.url).searchParams.get('fresh'))).toEqual([null, '1', '1']);
  });
});
