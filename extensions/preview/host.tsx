import { createRemoteRoot } from '@remote-ui/core';
import { createRoot as createRemoteReactRoot } from '@remote-ui/react';
import { createController, createRemoteReceiver, RemoteRenderer } from '@remote-ui/react/host';
import { createRoot } from 'react-dom/client';
import { ScoreCard } from '../src/card/ScoreCard.js';
import { SettingsPage } from '../src/settings/SettingsPage.js';
import { addAlert, Alerts } from './alerts.js';
import { components } from './components/index.js';
import { closeOverlay } from './overlay.js';

/**
 * The local preview host: runs the real card / settings components exactly as HubSpot's extension worker does
 * (React rendering into a remote-ui tree of @hubspot/ui-extensions components) and draws that tree as HTML,
 * as HubSpot's page draws it with its own design system. `hubspot.fetch` (which calls `self.hsFetch`) goes to
 * the preview server, which signs each request with the app's client secret like HubSpot's proxy and sends it to
 * the same signed API the real card uses.
 */
type PreviewConfig = {
  location: 'crm.record.tab' | 'settings';
  apiBaseUrl: string;
  portalId: number;
  contactId?: string;
};

const config = JSON.parse(document.getElementById('preview-config')!.textContent!) as PreviewConfig;

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

// hubspot.fetch(url, { method, body, timeout }) → the preview server's signing proxy; it answers with the API's
// own status and JSON, so the client sees what it would see in HubSpot.
(self as unknown as { hsFetch: unknown }).hsFetch = (url: string | URL, init: { method?: string; body?: unknown } = {}) =>
  post('/preview/fetch', { url: String(url), method: init.method ?? 'GET', ...(init.body === undefined ? {} : { body: init.body }) });

const context = {
  location: config.location,
  portal: { id: config.portalId, timezone: 'UTC' },
  user: { id: 1, email: 'preview@example.com', emails: ['preview@example.com'], firstName: 'Preview', lastName: 'User', roles: [], teams: [], permissions: [] },
  crm: { objectId: Number(config.contactId ?? 0), objectTypeId: '0-1' },
};

const actions = {
  addAlert,
  closeOverlay,
  refreshObjectProperties: () => window.dispatchEvent(new Event('preview:refresh-properties')),
  fetchCrmObjectProperties: async (names: string[]) => {
    const res = await post('/preview/crm/properties', { contactId: config.contactId, properties: names });
    if (!res.ok) throw new Error(`properties: HTTP ${res.status}`);
    return (await res.json()) as Record<string, string>;
  },
};

const receiver = createRemoteReceiver();
const remoteRoot = createRemoteRoot(receiver.receive);
createRemoteReactRoot(remoteRoot).render(
  config.location === 'settings'
    ? <SettingsPage context={context} actions={actions} apiBaseUrl={config.apiBaseUrl} />
    : <ScoreCard context={context} actions={actions} apiBaseUrl={config.apiBaseUrl} />,
);
remoteRoot.mount();

const controller = createController(components);
createRoot(document.getElementById('extension')!).render(
  <>
    <Alerts />
    <RemoteRenderer receiver={receiver} controller={controller} />
  </>,
);
