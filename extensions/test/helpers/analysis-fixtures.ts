import type { AccuracyReport, LiveAccuracy, Model, SuggestionReport, SuggestionStatus } from '../../../src/contract/index.js';
import { model } from './settings-fixtures.js';

/** An accuracy report over 300 held-out contacts (90 converted) with the given AUC, lifts and band rates. */
export function report(auc: number, lifts: number[], bandRates: (number | null)[]): AccuracyReport {
  const estimate = { auc, se: 0.02, low: auc - 0.04, high: auc + 0.04, positives: 90, negatives: 210 };
  return {
    rows: 300, outOfScope: 0, positives: 90, baseRate: 0.3,
    auc: estimate, fitAuc: estimate, engagementAuc: estimate,
    liftByDecile: lifts.map((lift, i) => ({
      group: i + 1, rows: 30, positives: lift * 9, rate: lift * 0.3, lift, minScore: 90 - 10 * i, maxScore: 99 - 10 * i, cumulativeCapture: 0, cumulativeLift: 0,
    })),
    calibration: bandRates.map((rate, b) => ({
      label: `${b * 10}–${b === 9 ? 100 : b * 10 + 9}`, min: b * 10, max: b === 9 ? 100 : b * 10 + 9,
      successes: rate === null ? 0 : rate * 30, n: rate === null ? 0 : 30, rate: rate ?? 0, low: 0, high: 1,
    })),
    stages: [{ label: 'SQL', min: 60, flagged: 50, precision: { successes: 40, n: 50, rate: 0.8, low: 0.67, high: 0.89 }, recall: { successes: 40, n: 90, rate: 0.444, low: 0.35, high: 0.55 } }],
  };
}

/** The suggestion: VP title worth 22 instead of 15, a new Director rule (+10), pricing unchanged, SQL at 60. */
export const suggested: Model = {
  ...model,
  fit: { max: 100, groups: [{ id: 'role', label: 'Role', rules: [
    { id: 'vp_title', label: 'VP title', points: 22, when: { property: 'jobtitle', op: 'contains', value: 'vp' } },
    { id: 'director_title', label: 'Director title', points: 10, when: { property: 'jobtitle', op: 'contains', value: 'director' } },
  ] }] },
  stages: [{ label: 'SQL', min: 60 }, { label: 'MQL', min: 40 }],
};

const LIFTS = [2.8, 2.1, 1.5, 1.0, 0.8, 0.6, 0.5, 0.3, 0.2, 0.2];
const BANDS = [0.02, 0.05, 0.1, null, 0.3, 0.45, 0.6, 0.75, 0.85, 0.95];

export const suggestionReport: SuggestionReport = {
  computedAt: '2026-11-21T10:00:00.000Z',
  currentVersion: 2,
  contacts: 1000,
  reached: 'customer',
  suggested,
  rules: [],
  leakage: [{ column: 'deal_notes', reasons: ['"deal_notes is Won" converts at 99.0% over 120 rows: suspiciously pure'], singleAuc: 0.97, informationValue: 4.2 }],
  skipped: [{ column: 'deal_notes', reason: 'leakage' }],
  training: { rows: 700, positives: 210, baseRate: 0.3 },
  heldOut: { rows: 300, positives: 90 },
  accuracy: report(0.812, LIFTS, BANDS),
  outcomes: [{ score: 80, rows: 50, positives: 40 }, { score: 20, rows: 250, positives: 50 }],
  diff: {
    rules: [
      { change: 'changed', matchedBy: 'id', dimension: 'fit', groupLabel: 'Role', ruleId: 'vp_title', label: 'VP title', currentPoints: 15, suggestedPoints: 22, details: [] },
      { change: 'same', matchedBy: 'id', dimension: 'engagement', groupLabel: 'Web activity', ruleId: 'pricing', label: 'Viewed pricing page', currentPoints: 12, suggestedPoints: 12, details: [] },
      { change: 'added', matchedBy: null, dimension: 'fit', groupLabel: 'Role', ruleId: 'director_title', label: 'Director title', currentPoints: null, suggestedPoints: 10, details: [] },
    ],
    stages: [{ label: 'SQL', current: 70, suggested: 60, change: 'changed' }, { label: 'MQL', current: 40, suggested: 40, change: 'same' }],
    grades: { fit: [], engagement: [] },
    weights: { current: { fitWeight: 0.5, engagementWeight: 0.5 }, suggested: { fitWeight: 0.5, engagementWeight: 0.5 }, changed: false },
    summary: { added: 1, removed: 0, changed: 1, same: 1 },
  },
};

const status = (s: Partial<SuggestionStatus>): SuggestionStatus => ({
  modelId: 'inbound', status: 'none', requestedAt: null, finishedAt: null, fetched: 0, error: null, report: null, ...s,
});
export const noRun = status({});
export const queuedRun = status({ status: 'queued', requestedAt: '2026-11-21T09:59:00.000Z' });
export const runningRun = status({ status: 'running', requestedAt: '2026-11-21T09:59:00.000Z', fetched: 450 });
export const doneRun = status({ status: 'done', requestedAt: '2026-11-21T09:59:00.000Z', finishedAt: '2026-11-21T10:00:00.000Z', fetched: 1000, report: suggestionReport });

export const liveAccuracy: LiveAccuracy = {
  modelId: 'inbound', state: 'ready', version: 2, computedAt: '2026-11-21T10:00:00.000Z',
  report: report(0.701, [1.9, 1.6, 1.3, 1.1, 0.9, 0.8, 0.7, 0.7, 0.5, 0.5], [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, null]),
  outcomes: [{ score: 30, rows: 300, positives: 90 }],
};
