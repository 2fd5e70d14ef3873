import { describe, expect, it } from 'vitest';
import { onlyOwnedOutputs } from '../../src/queue/owned-outputs.js';
import { parseModel, type Model } from '../../src/scoring/index.js';

const model = (propertyPrefix: string): Model => {
  const r = parseModel({ id: 'm', name: 'M', propertyPrefix, fit: { groups: [] }, engagement: { groups: [] } });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.model;
};

describe('the write gate', () => {
  it('sends only the published models outputs and drops any other property, HubSpot names included', () => {
    const out = onlyOwnedOutputs(
      [
        { id: '1', properties: { lead_score: '21', firstname: '21', lead_score_stage: 'MQL' } },
        { id: '2', properties: { hs_lead_status: 'NEW', jobtitle: 'x' } },
      ],
      [{ model: model('lead_score') }],
    );
    expect(out.updates).toEqual([{ id: '1', properties: { lead_score: '21', lead_score_stage: 'MQL' } }]);
    expect(out.dropped.sort()).toEqual(['firstname', 'hs_lead_status', 'jobtitle']);
  });

  it('drops a HubSpot property even when a model (bypassing validation) names it as an output', () => {
    const forged = { ...model('lead_score'), propertyPrefix: 'firstname' };
    expect(onlyOwnedOutputs([{ id: '1', properties: { firstname: '21', firstname_fit: '3' } }], [{ model: forged }])).toEqual({
      updates: [{ id: '1', properties: { firstname_fit: '3' } }],
      dropped: ['firstname'],
    });
  });
});
