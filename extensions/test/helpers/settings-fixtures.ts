import type { Draft, Model, ModelList, ModelVersions } from '../../../src/contract/index.js';

/** A small valid model: one fit group with a property rule, one engagement group with a decaying event rule. */
export const model: Model = {
  id: 'inbound',
  name: 'Inbound leads',
  propertyPrefix: 'lead_score',
  fit: {
    max: 100,
    groups: [{ id: 'role', label: 'Role', rules: [{ id: 'vp_title', label: 'VP title', points: 15, when: { property: 'jobtitle', op: 'contains', value: 'vp' } }] }],
  },
  engagement: {
    max: 100,
    groups: [{
      id: 'web', label: 'Web activity', max: 30,
      rules: [{ id: 'pricing', label: 'Viewed pricing page', points: 12, event: { type: 'page_view', where: { property: 'url', op: 'contains', value: '/pricing' } }, decay: { kind: 'halfLife', days: 14 } }],
    }],
  },
  total: { fitWeight: 0.5, engagementWeight: 0.5 },
  grades: {
    fit: [{ grade: 'A', min: 75 }, { grade: 'B', min: 50 }, { grade: 'C', min: 25 }, { grade: 'D', min: 0 }],
    engagement: [{ grade: '1', min: 75 }, { grade: '2', min: 50 }, { grade: '3', min: 25 }, { grade: '4', min: 0 }],
  },
  stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }],
};

export const modelList: ModelList = {
  models: [{ id: 'inbound', name: 'Inbound leads', publishedVersion: 2, draftUpdatedAt: '2026-11-21T09:00:00.000Z' }],
};

export const draft: Draft = { modelId: 'inbound', draft: model, basedOnVersion: 2, updatedAt: '2026-11-21T09:00:00.000Z' };

export const versions: ModelVersions = {
  modelId: 'inbound',
  publishedVersion: 2,
  versions: [
    { version: 1, publishedAt: '2026-10-01T08:00:00.000Z', note: 'First version', rolledBackFrom: null },
    { version: 2, publishedAt: '2026-11-01T08:00:00.000Z', note: null, rolledBackFrom: null },
  ],
};
