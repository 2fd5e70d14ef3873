import { Alert, Input, LoadingButton, MultiSelect, Select, Text, Toggle } from '@hubspot/ui-extensions';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Model, PropertyList } from '../../src/contract/index.js';
import { SIGNAL_MAPPINGS } from '../../src/signals/index.js';
import { EVENT_TYPES } from '../src/settings/editor/event-types.js';
import { installFakeHsFetch, type FakeHsFetch } from './helpers/fake-hs-fetch.js';
import { renderSettings, replyWithOneModel } from './helpers/render-settings.js';
import { draft, model } from './helpers/settings-fixtures.js';
import { allText, change } from './helpers/text.js';

let fake: FakeHsFetch;
beforeEach(() => { fake = installFakeHsFetch(); replyWithOneModel(fake); });
afterEach(() => { vi.unstubAllGlobals(); });

const RULE = 'fit.groups[0].rules[0]';
const properties: PropertyList = {
  fetchedAt: '2026-11-21T09:00:00.000Z',
  properties: [
    { name: 'jobtitle', label: 'Job Title', type: 'string', fieldType: 'text', groupName: 'contactinformation', hubspotDefined: true, options: [] },
    {
      name: 'lifecyclestage', label: 'Lifecycle Stage', type: 'enumeration', fieldType: 'radio', groupName: 'contactinformation', hubspotDefined: true,
      options: [{ label: 'Lead', value: 'lead' }, { label: 'Customer', value: 'customer' }],
    },
    { name: 'numemployees', label: 'Number of Employees', type: 'number', fieldType: 'number', groupName: 'contactinformation', hubspotDefined: true, options: [] },
  ],
};

async function ready() {
  fake.reply('GET', '/api/crm/properties', properties);
  const r = renderSettings();
  await r.waitFor(() => r.findByTestId(Input, 'model-name'));
  await r.waitFor(() => r.findByTestId(Select, `leaf-property:${RULE}.when`));
  return r;
}
const sentModel = () => (fake.calls.find((c) => c.method === 'PUT')!.body as { model: Model }).model;

describe('the model editor', () => {
  it('offers contact properties by label, with operators and values that fit their type', async () => {
    const r = await ready();
    const picker = r.findByTestId(Select, `leaf-property:${RULE}.when`);
    expect(picker.props.value).toBe('jobtitle');
    expect(picker.props.options.map((o) => o.label)).toEqual(['Job Title', 'Lifecycle Stage', 'Number of Employees', 'Other property (type its internal name)…']);
    expect(r.findByTestId(Select, `leaf-op:${RULE}.when`).props.options.map((o) => o.value)).toContain('contains');

    change(picker, 'lifecyclestage');
    // "contains" does not apply to an enumeration: the operator falls back to "is known", offered with the option tests.
    await r.waitFor(() => expect(r.findByTestId(Select, `leaf-op:${RULE}.when`).props.value).toBe('known'));
    expect(r.findByTestId(Select, `leaf-op:${RULE}.when`).props.options.map((o) => o.value)).toEqual(['known', 'unknown', 'eq', 'neq', 'in', 'notIn']);
    change(r.findByTestId(Select, `leaf-op:${RULE}.when`), 'notIn');
    await r.waitFor(() => r.findByTestId(MultiSelect, `leaf-value:${RULE}.when.value`));
    expect(r.findByTestId(MultiSelect, `leaf-value:${RULE}.when.value`).props.options).toEqual([{ label: 'Lead', value: 'lead' }, { label: 'Customer', value: 'customer' }]);
    change(r.findByTestId(MultiSelect, `leaf-value:${RULE}.when.value`), ['customer']);
    await r.waitFor(() => expect(r.findByTestId(MultiSelect, `leaf-value:${RULE}.when.value`).props.value).toEqual(['customer']));

    fake.reply('PUT', '/api/models/inbound/draft', draft);
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect((sentModel().fit.groups[0]!.rules[0] as { when: unknown }).when).toEqual({ property: 'lifecyclestage', op: 'notIn', value: ['customer'] });
  });

  it('keeps free entry for a property the list does not have', async () => {
    const r = await ready();
    change(r.findByTestId(Select, `leaf-property:${RULE}.when`), '__other__');
    await r.waitFor(() => r.findByTestId(Input, `leaf-property-name:${RULE}.when`));
    change(r.findByTestId(Input, `leaf-property-name:${RULE}.when`), 'webinar_topic');
    await r.waitFor(() => expect(r.findByTestId(Input, `leaf-property-name:${RULE}.when`).props.value).toBe('webinar_topic'));
    expect(r.findByTestId(Input, `leaf-property-name:${RULE}.when`).props.description).toBe('Not in this portal’s property list: it scores once HubSpot has it.');
    expect(r.findByTestId(Select, `leaf-op:${RULE}.when`).props.options).toHaveLength(18);
  });

  it('offers the event types the app records', async () => {
    const recorded = new Set([...Object.values(SIGNAL_MAPPINGS).map((m) => m.type), 'property_change']);
    expect(new Set(EVENT_TYPES.map((t) => t.value))).toEqual(recorded);
    const r = await ready();
    expect(r.findByTestId(Select, 'event-type:engagement.groups[0].rules[0]').props.value).toBe('page_view');
  });

  it('keeps a number field that holds text visible and invalid, and saves nothing', async () => {
    const r = await ready();
    change(r.findByTestId(Input, `rule-points:${RULE}`), 'lots');
    await r.waitFor(() => expect(r.findByTestId(Input, `rule-points:${RULE}`).props).toMatchObject({ value: 'lots', error: true, validationMessage: 'Points must be a number' }));
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'draft-invalid'));
    expect(r.findByTestId(Alert, 'draft-invalid').props.title).toBe('1 field to fix: nothing was saved');
    expect(allText(r.findByTestId(Alert, 'draft-invalid'))).toBe('Role › VP title: points must be a number');
    expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
    expect(r.mocks.actions.addAlert.calls).toEqual([]);

    change(r.findByTestId(Input, `rule-points:${RULE}`), '−40');
    await r.waitFor(() => expect(r.findByTestId(Input, `rule-points:${RULE}`).props).toMatchObject({ value: '-40', error: false }));
    fake.reply('PUT', '/api/models/inbound/draft', draft);
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await vi.waitFor(() => expect(fake.calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(sentModel().fit.groups[0]!.rules[0]!.points).toBe(-40);
  });

  it('shows the validator warnings in labels without blocking publishing', async () => {
    fake.reply('PUT', '/api/models/inbound/draft', { ...draft, warnings: [{ path: 'grades.fit[0].min', message: 'is above the dimension maximum (100): this band can never apply' }] });
    const r = await ready();
    change(r.findByTestId(Input, 'model-name'), 'Inbound v3');
    await r.waitFor(() => r.findByTestId(Text, 'draft-unsaved'));
    r.findByTestId(LoadingButton, 'draft-save').trigger('onClick');
    await r.waitFor(() => r.findByTestId(Alert, 'draft-warnings'));
    expect(r.findByTestId(Alert, 'draft-warnings').props).toMatchObject({ variant: 'warning', title: '1 warning: saved, and it can be published' });
    expect(allText(r.findByTestId(Alert, 'draft-warnings'))).toBe('Fit grades › A: from score is above the dimension maximum (100): this band can never apply');
    expect(r.mocks.actions.addAlert.calls).toEqual([[{ type: 'success', message: 'Draft saved.' }]]);
    expect(r.findByTestId(Text, 'publish-warning-note').text).toBe('The saved draft has 1 warning (see Edit draft); they do not block publishing.');
    const publish = r.findByTestId(LoadingButton, 'publish-open');
    expect(publish.props.disabled).toBe(false);
    expect(allText(publish.props.overlay!.find(Alert, { testId: 'publish-warnings' }))).toContain('this band can never apply');
  });

  it('hides ids behind Advanced and derives a new rule id from its label', async () => {
    const r = await ready();
    expect(r.maybeFindByTestId(Input, `rule-id:${RULE}`)).toBeNull();
    change(r.findByTestId(Input, `rule-label:${RULE}`), 'Senior title');
    await r.waitFor(() => expect(r.findByTestId(Input, `rule-label:${RULE}`).props.value).toBe('Senior title'));
    r.findByTestId(Toggle, 'editor-advanced').trigger('onChange', true as never);
    await r.waitFor(() => r.findByTestId(Input, `rule-id:${RULE}`));
    // "vp_title" was derived from "VP title", so it follows the new label.
    expect(r.findByTestId(Input, `rule-id:${RULE}`).props.value).toBe('senior_title');
    expect(model.fit.groups[0]!.rules[0]!.id).toBe('vp_title');
  });
});
