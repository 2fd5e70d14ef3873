import { createRenderer } from '@hubspot/ui-extensions/testing';
import { SettingsPage } from '../../src/settings/SettingsPage.js';
import { patient } from './patient.js';
import { BASE_URL, type FakeHsFetch } from './fake-hs-fetch.js';
import { draft, modelList, versions } from './settings-fixtures.js';

/** Renders the settings page as HubSpot would, against the fake `hsFetch`; polls fast so tests stay quick. */
export function renderSettings() {
  const renderer = createRenderer('settings');
  renderer.render(
    <SettingsPage context={renderer.mocks.context} actions={renderer.mocks.actions} apiBaseUrl={BASE_URL} pollIntervalMs={5} />,
  );
  return patient(renderer);
}

/** The answers of a portal with one model (v2 live, a saved draft). */
export function replyWithOneModel(fake: FakeHsFetch) {
  fake.reply('GET', '/api/models', modelList);
  fake.reply('GET', '/api/models/inbound/draft', draft);
  fake.reply('GET', '/api/models/inbound/versions', versions);
}
