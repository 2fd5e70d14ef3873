import { Accordion, Alert, Button, EmptyState, ErrorState, Input, LoadingButton, LoadingSpinner, Select, StatusTag, TableRow, Text } from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model } from '../../src/contract/index.js';
import { installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';
import { renderSettings, replyWithOneModel } from './helpers/render-settings.js';
import { draft, model } from './helpers/settings-fixtures.js';
import { allText, change } from './helpers/text.js';

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); });
afterEach(() => { vi.unstubAllGlobals(); });

const RULE = 'fit.groups[0].rules[0]';

describe('SettingsPage', () => {
  it('shows a spinner while the models load', async () => {
    fake.defer('GET', '/api/models');
    const r = renderSettings();
    expect(r.findByTestId(LoadingSpinner, 'settings-loading').props.label).toBe('Loading scoring models…');
    // The request starts in a passive effect: let it start here, not during the next test.
    await vi.waitFor(() => expect(fake.calls.map((c) => c.path)).toEqual(['/api/models']));
  });

  it('shows an error with a retry', async () => {
    fake.reply('GET', '/api/models', { error: { code: 'UNAUTHORIZED', message: 'bad signature' } }, 401);
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(ErrorState, 'settings-error'));
    expect(allText(r.findByTestId(ErrorState, 'settings-error'))).toContain('not accepted as coming from HubSpot');
    r.findByTestId(Button, 'settings-retry').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
  });

  it('offers a blank model to a portal with none, and opens it once created', async () => {
    fake.reply('GET', '/api/models', { models: [] });
    fake.reply('POST', '/api/models/import', draft);
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(EmptyState, 'settings-empty'));
    r.findByTestId(LoadingButton, 'settings-start-blank').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    const imported = fake.calls.find((c) => c.path === '/api/models/import')!;
    const sent = JSON.parse((imported.body as { json: string }).json) as Model;
    expect(sent.stages).toEqual([{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }]);
    expect(sent.fit.groups).toEqual([]);
  });

  it('lists the models and loads the draft into the editor', async () => {
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    expect(r.findByTestId(Input, 'model-name').props.value).toBe('Inbound leads');
    expect(r.findByTestId(Accordion, 'group:fit.groups[0]').props.title).toBe('Role (1 rule)');
    expect(r.findByTestId(Input, `rule-points:${RULE}`).props.value).toBe('15');
    expect(r.findByTestId(Select, `leaf-op:${RULE}.when`).props.value).toBe('contains');
    expect(r.findByTestId(Select, 'decay-kind:engagement.groups[0].rules[0]').props.value).toBe('halfLife');
    expect(r.findByTestId(Input, 'decay-days:engagement.groups[0].rules[0]').props.value).toBe('14');
    expect(r.findByTestId(Button, 'draft-discard').props.disabled).toBe(true);
  });

  it('saves an edited rule and reports success', async () => {
    replyWithOneModel(fake);
    const edited = { ...model, fit: { ...model.fit, groups: [{ ...model.fit.groups[0]!, rules: [{ ...model.fit.groups[0]!.rules[0]!, points: 25 }] }] } };
    fake.reply('PUT', '/api/models/inbound/draft', { ...draft, draft: edited });
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    change(r.findByTestId(Input, `rule-points:${RULE}`), '25');
    await r.waitFor(() => r.findByTestId(Text, 'draft-unsaved'));
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await r.waitFor(() => expect(r.maybeFindByTestId(Text, 'draft-unsaved')).toBeNull());
    const put = fake.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({ model: edited });
    expect(r.findByTestId(Input, `rule-points:${RULE}`).props.value).toBe('25');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Draft saved.' }]]);
  });

  it('shows each validation error next to the field that caused it, keeping the edits', async () => {
    replyWithOneModel(fake);
    fake.reply('PUT', '/api/models/inbound/draft', {
      error: {
        code: 'MODEL_INVALID', message: 'The model is invalid',
        issues: [{ path: `${RULE}.when.value`, message: 'must not be empty' }, { path: 'stages[1].min', message: 'stages must be in descending order of min' }],
      },
    }, 422);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    change(r.findByTestId(Input, `leaf-value:${RULE}.when.value`), '');
    await r.waitFor(() => expect(r.findByTestId(Button, 'draft-discard').props.disabled).toBe(false));
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'draft-issues'));
    expect(r.findByTestId(Alert, 'draft-issues').props.title).toBe('2 problems: nothing was saved');
    expect(r.findByTestId(Input, `leaf-value:${RULE}.when.value`).props).toMatchObject({ error: true, validationMessage: 'must not be empty', value: '' });
    expect(r.findByTestId(Input, 'band-min:stages[1]').props).toMatchObject({ error: true, validationMessage: 'stages must be in descending order of min' });
    expect(r.findByTestId(Input, 'model-name').props.error).toBe(false);
    expect(r.findByTestId(Accordion, 'group:fit.groups[0]').props.title).toBe('Role (1 rule, 1 to fix)');
    expect(r.findByTestId(Text, 'draft-unsaved')).toBeDefined();
    expect(r.mocks.actions.addAlert.calls).toEqual([]);
  });

  it('edits conditions: operator changes reset the value input, a leaf becomes a group of conditions', async () => {
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Input, 'model-name'));
    change(r.findByTestId(Select, `leaf-op:${RULE}.when`), 'in');
    await r.waitFor(() => r.findByTestId(Input, `leaf-value:${RULE}.when.value`).props.label === 'Values (comma-separated)' || Promise.reject());
    change(r.findByTestId(Input, `leaf-value:${RULE}.when.value`), 'VP, Director ,');
    await r.waitFor(() => expect(r.findByTestId(Input, `leaf-value:${RULE}.when.value`).props.value).toBe('VP, Director'));
    change(r.findByTestId(Select, `cond-kind:${RULE}.when`), 'any');
    await r.waitFor(() => r.findByTestId(Select, `leaf-op:${RULE}.when.any[0]`));
    r.findByTestId(Button, `cond-add:${RULE}.when.any`).trigger('onClick');
    await r.waitFor(() => r.findByTestId(Input, `leaf-property:${RULE}.when.any[1]`));
    change(r.findByTestId(Input, `leaf-property:${RULE}.when.any[1]`), 'hs_lead_status');
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    fake.reply('PUT', '/api/models/inbound/draft', draft);
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = fake.calls.find((c) => c.method === 'PUT')!.body as { model: Model };
    expect((put.model.fit.groups[0]!.rules[0] as { when: unknown }).when).toEqual({
      any: [{ property: 'jobtitle', op: 'in', value: ['VP', 'Director'] }, { property: 'hs_lead_status', op: 'known' }],
    });
  });

  it('shows the versions with the live one marked', async () => {
    replyWithOneModel(fake);
    const r = renderSettings();
    await r.waitFor(() => r.findByTestId(Button, 'rollback-open-1'));
    expect(r.findByTestId(StatusTag, 'version-live-2').text).toBe('Live');
    expect(r.maybeFindByTestId(Button, 'rollback-open-2')).toBeNull();
    expect(allText(r.findByTestId(TableRow, 'version-1'))).toContain('First version');
  });
});
