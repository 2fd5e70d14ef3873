import {
  Alert, BarChart, Button, Input, LoadingButton, ProgressBar, Select, StatusTag, TableRow, Text, TextArea,
} from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResponse, PublishResponse, TestOnContactResponse } from '../../src/contract/index.js';
import { scoredCard } from './helpers/card-fixtures.js';
import { installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';
import { renderSettings, replyWithOneModel } from './helpers/render-settings.js';
import { draft, model, modelList, versions } from './helpers/settings-fixtures.js';
import { allText, change } from './helpers/text.js';

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); replyWithOneModel(fake); });
afterEach(() => { vi.unstubAllGlobals(); });

const { state: _s, contactId: _c, model: _m, scoredAt: _a, history: _h, fitProperties: _f, ...figures } = scoredCard;

async function ready() {
  const r = renderSettings();
  await r.waitFor(() => r.findByTestId(Input, 'model-name'));
  await r.waitFor(() => r.findByTestId(Button, 'rollback-open-1'));
  return r;
}

describe('SettingsPage actions', () => {
  it('finds a contact by name, tests the draft as edited on it and shows draft and published side by side', async () => {
    const answer: TestOnContactResponse = {
      contactId: '501', draft: { state: 'scored', ...figures, total: 64 }, published: { state: 'out-of-scope' },
    };
    fake.reply('GET', '/api/crm/contacts/search', { contacts: [{ id: '501', name: 'Priya Sharma', email: 'priya@example.com' }, { id: '502', name: 'Priya Nair', email: null }], total: 14 });
    fake.reply('POST', '/api/models/inbound/draft/test', answer);
    const r = await ready();
    change(r.findByTestId(Input, 'model-name'), 'Inbound v3');
    change(r.findByTestId(Input, 'test-contact-search'), 'Priya');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'test-search').props.disabled).toBe(false));
    r.findByTestId(LoadingButton, 'test-search').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Button, 'test-pick-501'));
    expect(fake.calls.find((c) => c.path === '/api/crm/contacts/search')!.url).toContain('q=Priya');
    expect(allText(r.findByTestId(Button, 'test-pick-501'))).toBe('Priya Sharma · priya@example.com');
    expect(r.findByTestId(Text, 'test-matches').text).toBe('The first 2 of 14 matches: add a word to narrow it');
    r.findByTestId(Button, 'test-pick-501').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Text, 'test-draft'));
    expect(r.findByTestId(Text, 'test-draft').text).toBe('Draft: 64 (fit 62, engagement 54) · B2 · MQL');
    expect(r.findByTestId(Text, 'test-published').text).toBe('Published: out of scope (not scored)');
    expect(allText(r.getRootNode())).toContain('18.2 of 24');
    const call = fake.calls.find((c) => c.path.endsWith('/draft/test'))!;
    expect(call.body).toEqual({ contactId: '501', model: { ...model, name: 'Inbound v3' } });
  });

  it('says when no contact matches, and offers a typed record id as it is', async () => {
    fake.reply('GET', '/api/crm/contacts/search', { contacts: [], total: 0 });
    const r = await ready();
    change(r.findByTestId(Input, 'test-contact-search'), 'nobody');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'test-search').props.disabled).toBe(false));
    r.findByTestId(LoadingButton, 'test-search').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Text, 'test-no-match'));
    expect(r.findByTestId(Text, 'test-no-match').text).toBe('No contact matches “nobody”.');
    change(r.findByTestId(Input, 'test-contact-search'), '777');
    await r.waitFor(() => expect(r.findByTestId(Input, 'test-contact-search').props.value).toBe('777'));
    r.findByTestId(LoadingButton, 'test-search').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Button, 'test-pick-777'));
    expect(allText(r.findByTestId(Button, 'test-pick-777'))).toBe('Record 777');
  });

  it('previews the draft over the contacts: distribution chart and stage changes', async () => {
    const preview: PreviewResponse = {
      modelId: 'inbound', contacts: 120, sampled: false,
      histogram: [{ from: 0, to: 49, draft: 70, published: 80 }, { from: 50, to: 100, draft: 50, published: 40 }],
      outOfScope: { draft: 3, published: 3 },
      stageChanges: { count: 11, transitions: [{ from: 'MQL', to: 'SQL', count: 10 }, { from: 'none', to: 'MQL', count: 1 }] },
    };
    fake.reply('POST', '/api/models/inbound/draft/preview', preview);
    const r = await ready();
    r.findByTestId(LoadingButton, 'preview-run').trigger('onClick');
    await r.waitFor(() => r.findByTestId(BarChart, 'preview-chart'));
    expect(r.findByTestId(Text, 'preview-summary').text).toBe('120 contacts: 11 would change stage. Out of scope: 3 under the draft, 3 now.');
    expect(r.findByTestId(BarChart, 'preview-chart').props.data).toEqual([
      { range: '0–49', version: 'Published', contacts: 80 }, { range: '0–49', version: 'Draft', contacts: 70 },
      { range: '50–100', version: 'Published', contacts: 40 }, { range: '50–100', version: 'Draft', contacts: 50 },
    ]);
    expect(allText(r.getRootNode())).toContain('MQL SQL 10');
  });

  it('publishes after confirmation and follows the rescore to the end', async () => {
    const published: PublishResponse = {
      model: { id: 'inbound', name: 'Inbound leads', version: 3 },
      rescore: { modelId: 'inbound', version: 3, status: 'queued', done: 0, total: null },
    };
    fake.reply('POST', '/api/models/inbound/publish', published);
    fake.reply('GET', '/api/models/inbound/rescore', { modelId: 'inbound', version: 3, status: 'running', done: 40, total: 120 });
    fake.reply('GET', '/api/models/inbound/rescore', { modelId: 'inbound', version: 3, status: 'done', done: 120, total: 120 });
    fake.reply('GET', '/api/models/inbound/versions', { ...versions, publishedVersion: 3, versions: [...versions.versions, { version: 3, publishedAt: '2026-11-22T08:00:00.000Z', note: 'tuned', rolledBackFrom: null }] });
    const r = await ready();
    const open = r.findByTestId(LoadingButton, 'publish-open');
    expect(open.text).toBe('Publish draft as v3…');
    change(open.props.overlay!.find(Input, { testId: 'publish-note' }), 'tuned');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'publish-open').props.overlay!.find(Input).props.value).toBe('tuned'));
    r.findByTestId(LoadingButton, 'publish-open').props.overlay!.find(Button, { testId: 'publish-confirm' }).trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(ProgressBar, 'rescore-progress').props.valueDescription).toBe('All 120 contacts rescored under v3.'));
    expect(fake.calls.find((c) => c.path.endsWith('/publish'))!.body).toEqual({ note: 'tuned' });
    expect(fake.calls.filter((c) => c.path.endsWith('/rescore')).length).toBe(2);
    expect(r.mocks.actions.closeOverlay.calls).toEqual([['publish-confirm']]);
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Published v3. Rescoring contacts…' }]]);
    await r.waitFor(() => expect(r.findByTestId(StatusTag, 'version-live-3').text).toBe('Live'));
  });

  it('does not offer to publish while the draft has unsaved edits', async () => {
    const r = await ready();
    change(r.findByTestId(Input, 'model-name'), 'Renamed');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'publish-open').props.disabled).toBe(true));
    expect(r.findByTestId(Text, 'publish-unsaved').text).toBe('Save the draft first: publishing uses the saved draft.');
  });

  it('has nothing to publish while the draft is the live version', async () => {
    fake = installFakeHsFetch();
    fake.reply('GET', '/api/models', { models: [{ ...modelList.models[0]!, draftUpdatedAt: null }] });
    fake.reply('GET', '/api/models/inbound/draft', { ...draft, updatedAt: null });
    fake.reply('GET', '/api/models/inbound/versions', versions);
    const r = await ready();
    expect(r.findByTestId(LoadingButton, 'publish-open').props.disabled).toBe(true);
    expect(r.findByTestId(Text, 'publish-nothing').text).toBe('Nothing to publish: the draft is the live version (v2). Edit and save it first.');
  });

  it('shows why publishing was refused', async () => {
    fake.reply('POST', '/api/models/inbound/publish', { error: { code: 'CONFLICT', message: 'The draft is identical to v2: nothing to publish.' } }, 409);
    const r = await ready();
    r.findByTestId(LoadingButton, 'publish-open').props.overlay!.find(Button, { testId: 'publish-confirm' }).trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'publish-error'));
    expect(allText(r.findByTestId(Alert, 'publish-error'))).toBe('The draft is identical to v2: nothing to publish.');
    expect(r.maybeFindByTestId(ProgressBar, 'rescore-progress')).toBeNull();
  });

  it('rolls back to an earlier version after confirmation', async () => {
    // A rollback publishes v1's document again as v3: history only grows.
    fake.reply('POST', '/api/models/inbound/rollback', {
      model: { id: 'inbound', name: 'Inbound leads', version: 3 }, rescore: { modelId: 'inbound', version: 3, status: 'done', done: 120, total: 120 },
    });
    fake.reply('GET', '/api/models/inbound/versions', {
      ...versions, publishedVersion: 3,
      versions: [...versions.versions, { version: 3, publishedAt: '2026-11-22T08:00:00.000Z', note: null, rolledBackFrom: 1 }],
    });
    const r = await ready();
    r.findByTestId(Button, 'rollback-open-1').props.overlay!.find(Button, { testId: 'rollback-confirm-1' }).trigger('onClick');
    await r.waitFor(() => r.findByTestId(StatusTag, 'version-live-3'));
    expect(fake.calls.find((c) => c.path.endsWith('/rollback'))!.body).toEqual({ version: 1 });
    expect(allText(r.findByTestId(TableRow, 'version-3'))).toContain('Rollback to v1');
    expect(r.findByTestId(Button, 'rollback-open-2')).toBeDefined();
    expect(r.findByTestId(ProgressBar, 'rescore-progress').props.valueDescription).toBe('All 120 contacts rescored under v3.');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'v1 is live again, as v3. Rescoring contacts…' }]]);
  });

  it('exports a version as JSON', async () => {
    fake.reply('GET', '/api/models/inbound/export', { modelId: 'inbound', version: 1, json: '{\n  "id": "inbound"\n}' });
    const r = await ready();
    change(r.findByTestId(Select, 'export-which'), '1');
    await r.waitFor(() => expect(r.findByTestId(Select, 'export-which').props.value).toBe('1'));
    r.findByTestId(LoadingButton, 'export-run').trigger('onClick');
    await r.waitFor(() => r.findByTestId(TextArea, 'export-json'));
    expect(r.findByTestId(TextArea, 'export-json').props.value).toBe('{\n  "id": "inbound"\n}');
    expect(fake.calls.find((c) => c.path.endsWith('/export'))!.url).toBe('https://scoring.example.com/api/models/inbound/export?version=1&portalId=123&userId=1');
  });

  it('imports JSON as the draft, and lists the problems of an invalid one', async () => {
    fake.reply('POST', '/api/models/import', { error: { code: 'MODEL_INVALID', message: 'invalid', issues: [{ path: 'fit.max', message: 'must be > 0' }] } }, 422);
    fake.reply('POST', '/api/models/import', { ...draft, draft: { ...model, name: 'Imported' } });
    const r = await ready();
    change(r.findByTestId(TextArea, 'import-json'), '{"id":"inbound"}');
    await r.waitFor(() => expect(r.findByTestId(LoadingButton, 'import-run').props.disabled).toBe(false));
    r.findByTestId(LoadingButton, 'import-run').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'import-issues'));
    expect(allText(r.findByTestId(Alert, 'import-issues'))).toBe('fit.max: must be > 0');
    r.findByTestId(LoadingButton, 'import-run').trigger('onClick');
    await r.waitFor(() => expect(r.findByTestId(Input, 'model-name').props.value).toBe('Imported'));
    expect(r.findByTestId(TextArea, 'import-json').props.value).toBe('');
    expect(fake.calls.filter((c) => c.path === '/api/models/import').map((c) => c.body)).toEqual([{ json: '{"id":"inbound"}' }, { json: '{"id":"inbound"}' }]);
  });
});
