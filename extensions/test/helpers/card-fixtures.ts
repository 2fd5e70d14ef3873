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
    { dimension: 'engagement', groupId: 'web', label: 'Web activity max 30', before: 38.2, after: 30, points: -8.2 },
  ],
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
};
