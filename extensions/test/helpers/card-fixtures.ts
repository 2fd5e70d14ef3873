import type { CardData } from '../../../src/contract/index.js';

/** A contact scored 58 under "Inbound leads" v3: fit 62 (B), engagement 54 (2), stage MQL, 12 points to SQL.
 * Engagement: pricing 18.2 (decayed from 24) + visits 20 = 38.2, capped at 30 by the web group; + clicks 24 (4 × 8 = 32, cut to 24 by the rule's
 * maxPoints) = 54. */
export const scoredCard: Extract<CardData, { state: 'scored' }> = {
  state: 'scored',
  contactId: '501',
  model: { id: 'inbound', name: 'Inbound leads', version: 3 },
  scoredAt: '2026-11-20T14:30:00.000Z',
  total: 58,
  fit: { score: 62, max: 100, grade: 'B' },
  engagement: { score: 54, max: 100, grade: '2' },
  grade: 'B2',
  stage: 'MQL',
  stageFloor: 40,
  nextStage: { label: 'SQL', min: 70, pointsToGo: 12 },
  breakdown: [
    { dimension: 'fit', groupId: 'role', groupLabel: 'Role', ruleId: 'vp_title', label: 'VP title', points: 15, undecayed: null, matched: { kind: 'property', values: { jobtitle: 'VP Marketing' } } },
    { dimension: 'fit', groupId: 'company', groupLabel: 'Company', ruleId: 'size_mid', label: '50–500 employees', points: 47, undecayed: null, matched: { kind: 'property', values: { numemployees: '120' } } },
    { dimension: 'engagement', groupId: 'web', groupLabel: 'Web activity', ruleId: 'pricing', label: 'Viewed pricing page', points: 18.2, undecayed: 24, matched: { kind: 'events', count: 2, newestAt: Date.parse('2026-11-18T09:12:00Z'), beforeCap: 18.2 } },
    { dimension: 'engagement', groupId: 'web', groupLabel: 'Web activity', ruleId: 'visits', label: 'Site visits', points: 20, undecayed: null, matched: { kind: 'property', values: { hs_analytics_num_visits: '9' } } },
    { dimension: 'engagement', groupId: 'email', groupLabel: 'Email', ruleId: 'clicks', label: 'Email clicks', points: 24, undecayed: null, matched: { kind: 'events', count: 4, newestAt: Date.parse('2026-11-19T16:00:00Z'), beforeCap: 32 } },
  ],
  adjustments: [
    { dimension: 'engagement', groupId: 'web', label: 'Web activity', before: 38.2, after: 30, points: -8.2 },
  ],
  weights: { fit: 0.5, engagement: 0.5 },
  eventRules: {
    pricing: { decay: { kind: 'halfLife', days: 14 }, withinDays: 90 },
    clicks: { decay: { kind: 'window', days: 30 }, withinDays: null },
  },
  history: [
    { at: '2026-11-01T10:00:00.000Z', total: 31, fit: 62, engagement: 0, stage: 'none' },
    { at: '2026-11-12T10:00:00.000Z', total: 47, fit: 62, engagement: 32, stage: 'MQL' },
    { at: '2026-11-20T14:30:00.000Z', total: 58, fit: 62, engagement: 54, stage: 'MQL' },
  ],
  fitProperties: ['annualrevenue', 'country', 'industry', 'jobtitle', 'numemployees'],
};

export const notScoredCard: CardData = {
  state: 'not-scored', contactId: '501', model: { id: 'inbound', name: 'Inbound leads', version: 3 },
};
export const noModelCard: CardData = { state: 'not-scored', contactId: '501', model: null };
export const outOfScopeCard: CardData = {
  state: 'out-of-scope', contactId: '501', model: { id: 'inbound', name: 'Inbound leads', version: 3 }, scoredAt: '2026-11-20T14:30:00.000Z',
  scope: 'lifecyclestage is none of customer, evangelist',
};

/**
 * A student with a free-mail address: Student −40 and Free email address −15 make −55, floored to a fit of 0;
 * engagement 6 from one email click; total 0.5 × 0 + 0.5 × 6 = 3.
 */
export const flooredCard: Extract<CardData, { state: 'scored' }> = {
  ...scoredCard,
  total: 3, grade: 'D4', stage: 'none', stageFloor: 0, nextStage: { label: 'MQL', min: 40, pointsToGo: 37 },
  fit: { score: 0, max: 100, grade: 'D' },
  engagement: { score: 6, max: 100, grade: '4' },
  breakdown: [
    { dimension: 'fit', groupId: 'role', groupLabel: 'Role', ruleId: 'student', label: 'Student', points: -40, undecayed: null, matched: { kind: 'property', values: { jobtitle: 'Student' } } },
    { dimension: 'fit', groupId: 'disqualifiers', groupLabel: 'Disqualifiers', ruleId: 'free_mail', label: 'Free email address', points: -15, undecayed: null, matched: { kind: 'property', values: { email: 'sam@gmail.com' } } },
    { dimension: 'engagement', groupId: 'email', groupLabel: 'Email', ruleId: 'clicks', label: 'Email clicks', points: 6, undecayed: null, matched: { kind: 'events', count: 1, newestAt: Date.parse('2026-11-11T14:30:00Z'), beforeCap: 6 } },
  ],
  adjustments: [{ dimension: 'fit', groupId: null, label: 'Fit', before: -55, after: 0, points: 55 }],
  history: [
    { at: '2026-12-06T09:00:00.000Z', total: 3, fit: 0, engagement: 6, stage: 'none' },
    { at: '2026-12-06T15:00:00.000Z', total: 3, fit: 0, engagement: 6, stage: 'none' },
  ],
};
