import type { ModelInput } from '../../../src/scoring/index.js';

/**
 * A small model over properties every sandbox contact has. A contact with an email and no engagement scores:
 * fit 60 (has email), engagement 0 (no contact has a 'webinar_attended' event) → total 0.5 × 60 + 0.5 × 0 = 30 → grade B4 (fit 60 ≥ 50 → B; engagement
 * 0 → 4), stage MQL (30 ≥ 25), 40 points to SQL (70).
 */
export const apiModel = (overrides: Partial<ModelInput> = {}): ModelInput => ({
  id: 'inbound',
  name: 'Inbound leads',
  fit: { max: 100, groups: [{ id: 'contactable', label: 'Contactable', rules: [{ id: 'has_email', label: 'Has an email', points: 60, when: { property: 'email', op: 'known' } }] }] },
  engagement: { max: 100, groups: [{ id: 'web', label: 'Web', max: 30, rules: [{ id: 'webinar', label: 'Attended a webinar', points: 10, event: { type: 'webinar_attended' }, decay: { kind: 'halfLife', days: 14 } }] }] },
  stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 25 }],
  ...overrides,
});
