import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import type { HubSpotCallEvent } from '../../src/hubspot/call-hubspot.js';
import { createHubSpotGateway } from '../../src/hubspot/gateway.js';
import { mergeOptions } from '../../src/hubspot/property-bootstrap.js';
import type { PropertySpec } from '../../src/hubspot/schemas.js';
import { capturedLogger } from '../helpers/captured-logger.js';
import { redisSpace } from '../helpers/redis.js';
import { strictNock } from '../helpers/strict-nock.js';
import { API, testConfig } from './helpers/adapter.js';

strictNock();

const group = { name: 'lead_scoring', label: 'Lead scoring', displayOrder: -1 };
const opt = (value: string, i: number) => ({ label: value, value, displayOrder: i, hidden: false });
const specs: PropertySpec[] = [
  { name: 'lead_score', label: 'Lead score', type: 'number', fieldType: 'number', groupName: 'lead_scoring' },
  { name: 'lead_score_grade', label: 'Lead grade', type: 'enumeration', fieldType: 'select', groupName: 'lead_scoring', options: ['A1', 'A2', 'B1'].map(opt) },
  { name: 'lead_score_stage', label: 'Lead stage', type: 'enumeration', fieldType: 'select', groupName: 'lead_scoring', options: ['none', 'MQL', 'SQL'].map(opt) },
];
const exists = { status: 'error', category: 'OBJECT_ALREADY_EXISTS', message: 'A property named lead_score already exists.', correlationId: 'c' };
/** An existing number property in the app's group: the bootstrap reads it to check it is the app's own. */
const numberProperty = (name: string) => ({ name, label: name, type: 'number', fieldType: 'number', groupName: 'lead_scoring', options: [], hubspotDefined: false });
const property = (name: string, options: object[]) => ({
  name, label: name, type: 'enumeration', fieldType: 'select', groupName: 'lead_scoring', options, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});

describe('ensureScoreProperties', () => {
  const space = redisSpace('props');
  const calls: HubSpotCallEvent[] = [];
  const gateway = createHubSpotGateway({ redis: space.redis, keys: space.keys, config: testConfig({ HUBSPOT_REQUEST_TIMEOUT_MS: '2000' }), logger: capturedLogger().logger, onCall: (e) => calls.push(e) });
  afterAll(async () => {
    await gateway.close();
    await space.cleanup();
  });
  let portal: ReturnType<typeof gateway.forPortal>;
  beforeAll(async () => {
    await gateway.installations.save({ portalId: 808, hubId: 808, scopes: ['oauth'], accessToken: 'at', refreshToken: 'rt', expiresAt: Date.now() + 30 * 60_000 });
    portal = gateway.forPortal(808);
  });

  it('creates the group and every property on a fresh portal', async () => {
    const created: unknown[] = [];
    const scope = nock(API)
      .post('/crm/v3/properties/contacts/groups', group)
      .reply(201, { ...group, archived: false })
      .post('/crm/v3/properties/contacts', (b) => created.push(b) > 0)
      .times(3)
      .reply(201, { name: 'x', label: 'x', type: 'number', fieldType: 'number', groupName: 'lead_scoring' });
    expect(await portal.ensureScoreProperties(group, specs)).toEqual({
      groupCreated: true, created: ['lead_score', 'lead_score_grade', 'lead_score_stage'], updated: [], unchanged: [],
    });
    scope.done();
    expect(created[1]).toEqual(specs[1]);
  });

  it('accepts 409s and changes nothing when everything is up to date', async () => {
    const before = calls.length;
    const scope = nock(API)
      .post('/crm/v3/properties/contacts/groups').reply(409, exists)
      .post('/crm/v3/properties/contacts').times(3).reply(409, exists)
      .get('/crm/v3/properties/contacts/lead_score').query({ archived: 'false' }).reply(200, numberProperty('lead_score'))
      .get('/crm/v3/properties/contacts/lead_score_grade').query({ archived: 'false' }).reply(200, property('lead_score_grade', specs[1]!.options!))
      .get('/crm/v3/properties/contacts/lead_score_stage').query({ archived: 'false' }).reply(200, property('lead_score_stage', specs[2]!.options!));
    expect(await portal.ensureScoreProperties(group, specs)).toEqual({
      groupCreated: false, created: [], updated: [], unchanged: ['lead_score', 'lead_score_grade', 'lead_score_stage'],
    });
    scope.done();
    expect(calls.slice(before).every((c) => c.outcome === 'ok')).toBe(true);
  });

  it('updates the options of an existing enumeration, keeping retired values hidden', async () => {
    const scope = nock(API)
      .post('/crm/v3/properties/contacts/groups').reply(409, exists)
      .post('/crm/v3/properties/contacts').times(3).reply(409, exists)
      .get('/crm/v3/properties/contacts/lead_score').query(true).reply(200, numberProperty('lead_score'))
      .get('/crm/v3/properties/contacts/lead_score_grade').query(true).reply(200, property('lead_score_grade', ['A1', 'B1', 'Z9'].map(opt)))
      .patch('/crm/v3/properties/contacts/lead_score_grade', {
        options: [opt('A1', 0), opt('A2', 1), opt('B1', 2), { label: 'Z9', value: 'Z9', displayOrder: 3, hidden: true }],
      })
      .reply(200, property('lead_score_grade', []))
      .get('/crm/v3/properties/contacts/lead_score_stage').query(true).reply(200, property('lead_score_stage', specs[2]!.options!));
    expect(await portal.ensureScoreProperties(group, specs)).toEqual({
      groupCreated: false, created: [], updated: ['lead_score_grade'], unchanged: ['lead_score', 'lead_score_stage'],
    });
    scope.done();
  });

  it('rejects a malformed spec before calling HubSpot, naming the field', async () => {
    const bad = [{ ...specs[0]!, name: 'Lead Score' }];
    const err = await portal.ensureScoreProperties(group, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues[0]?.path).toBe('properties[0].name');
  });
});

describe('mergeOptions', () => {
  it('puts wanted options first, in order, and keeps the others hidden after them', () => {
    expect(mergeOptions([opt('B', 0), opt('OLD', 1)], [{ label: 'A', value: 'A' }, { label: 'Bee', value: 'B' }])).toEqual([
      { label: 'A', value: 'A', displayOrder: 0, hidden: false },
      { label: 'Bee', value: 'B', displayOrder: 1, hidden: false },
      { label: 'OLD', value: 'OLD', displayOrder: 2, hidden: true },
    ]);
  });
});
