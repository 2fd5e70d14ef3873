import { describe, expect, it } from 'vitest';
import { scoreContacts, type ScoringModel } from '../../src/queue/score-contacts.js';
import { compileModel, parseModel } from '../../src/scoring/index.js';
import type { StoredScore } from '../../src/store/scores.js';

const DAY = 86_400_000;
const now = Date.parse('2026-03-01T12:00:00Z');

const parsed = parseModel({
  id: 'tiny',
  name: 'Tiny',
  propertyPrefix: 'tiny',
  fit: { groups: [{ id: 'role', label: 'Role', rules: [{ id: 'cto', label: 'CTO', points: 60, when: { property: 'jobtitle', op: 'eq', value: 'CTO' } }] }] },
  engagement: {
    groups: [{ id: 'web', label: 'Web', rules: [{
      id: 'pricing', label: 'Pricing', points: 40, event: { type: 'page_view', where: { property: 'url', op: 'contains', value: 'pricing' } },
      decay: { kind: 'window', days: 10 },
    }] }],
  },
  stages: [{ label: 'SQL', min: 50 }],
  scope: { property: 'lifecyclestage', op: 'neq', value: 'customer' },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const model: ScoringModel = { modelId: 'tiny', version: 1, model: parsed.model, compiled: compileModel(parsed.model) };

const run = (properties: Record<string, string | null>, previous?: StoredScore, events = new Map()) =>
  scoreContacts({
    contacts: [{ id: '1', properties }], ledgers: events, models: [model], now,
    previous: new Map(previous ? [['1', new Map([['tiny', previous]])]] : []),
  });

describe('scoreContacts', () => {
  it('writes a first score with every output, the stage change time included', () => {
    const pricing = new Map([['1', [{ type: 'page_view', at: now - 2 * DAY, url: '/pricing' }]]]);
    const out = run({ jobtitle: 'CTO', lifecyclestage: 'lead' }, undefined, pricing);
    // fit 60, engagement 40 (inside the 10-day window), total ½·60 + ½·40 = 50 → SQL.
    expect(out.updates).toEqual([{ id: '1', properties: {
      tiny: '50', tiny_fit: '60', tiny_engagement: '40', tiny_grade: 'B3', tiny_stage: 'SQL',
      tiny_reason: 'CTO +60; Pricing +40', tiny_updated_at: '2026-03-01T12:00:00.000Z', tiny_stage_changed_at: '2026-03-01T12:00:00.000Z',
    } }]);
    // The window holds while age ≤ 10 days: the rounded score changes 1 ms after that, 8 days from now.
    expect(out.nextChangeAt.get('1')).toBe(now + 8 * DAY + 1);
    expect(out.scored).toBe(1);
  });

  it('writes nothing when only the time of scoring changed', () => {
    const first = run({ jobtitle: 'CTO', lifecyclestage: 'lead' });
    const stored: StoredScore = first.writes[0]!.score;
    const again = scoreContacts({ contacts: [{ id: '1', properties: { jobtitle: 'CTO', lifecyclestage: 'lead' } }], ledgers: new Map(), models: [model], now: now + 60_000, previous: new Map([['1', new Map([['tiny', stored]])]]) });
    expect(again.updates).toEqual([]);
    expect(again.writes).toMatchObject([{ contactId: '1', changed: false, score: { outputs: stored.outputs, scoredAt: now + 60_000 } }]);
  });

  it('writes only what changed, without a stage-change time when the stage stayed', () => {
    const first = run({ jobtitle: 'Engineer', lifecyclestage: 'lead' });
    const out = run({ jobtitle: 'Engineer', lifecyclestage: 'lead' }, first.writes[0]!.score, new Map([['1', [{ type: 'page_view', at: now - DAY, url: '/pricing' }]]]));
    expect(out.updates[0]?.properties).toEqual({
      tiny: '20', tiny_fit: '0', tiny_engagement: '40', tiny_grade: 'D3', tiny_stage: 'none',
      tiny_reason: 'Pricing +40', tiny_updated_at: '2026-03-01T12:00:00.000Z',
    });
  });

  it('clears the outputs of a contact that left the scope, and only if it had a score', () => {
    expect(run({ jobtitle: 'CTO', lifecyclestage: 'customer' }).updates).toEqual([]);
    const scored = run({ jobtitle: 'CTO', lifecyclestage: 'lead' }).writes[0]!.score;
    const out = run({ jobtitle: 'CTO', lifecyclestage: 'customer' }, scored);
    expect(out.updates).toEqual([{ id: '1', properties: {
      tiny: '', tiny_fit: '', tiny_engagement: '', tiny_grade: '', tiny_stage: '', tiny_reason: '', tiny_updated_at: '', tiny_stage_changed_at: '',
    } }]);
    // Once cleared, staying out of scope writes nothing more.
    expect(run({ jobtitle: 'CTO', lifecyclestage: 'customer' }, out.writes[0]!.score).updates).toEqual([]);
  });

  it('adds the events the current engagement properties prove to the ledger', () => {
    const out = run({ jobtitle: 'CTO', hs_analytics_last_url: 'https://x.io/pricing', hs_analytics_last_visit_timestamp: String(now - DAY) });
    expect(out.derived.get('1')).toEqual([{ type: 'page_view', at: now - DAY, url: 'https://x.io/pricing' }]);
    expect(out.updates[0]?.properties.tiny_engagement).toBe('40');
  });
});
