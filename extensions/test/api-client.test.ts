import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../../src/contract/index.js';
import { callerOf, createApiClient } from '../src/api/client.js';
import { BASE_URL, installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); });
afterEach(() => { vi.unstubAllGlobals(); });

describe('the API client', () => {
  it('sends the portal and user from HubSpot\'s context in the query of every request', async () => {
    fake.reply('GET', '/api/models', { models: [] });
    fake.reply('GET', '/api/models/inbound/export', { json: '{}', version: 3 });
    const client = createApiClient({ baseUrl: BASE_URL, caller: callerOf({ portal: { id: 123 }, user: { id: 45 } }) });
    await client.call(api.listModels, {});
    await client.call(api.exportModel, { params: { modelId: 'inbound' }, query: { version: 3 } }).catch(() => undefined);
    expect(fake.calls.map((c) => c.url)).toEqual([
      `${BASE_URL}/api/models?portalId=123&userId=45`,
      `${BASE_URL}/api/models/inbound/export?version=3&portalId=123&userId=45`,
    ]);
  });

  it('sends only the portal when the context has no user', async () => {
    fake.reply('GET', '/api/models', { models: [] });
    await createApiClient({ baseUrl: BASE_URL, caller: callerOf({ portal: { id: 123 } }) }).call(api.listModels, {});
    expect(fake.calls.map((c) => new URL(c.url).search)).toEqual(['?portalId=123']);
  });
});
