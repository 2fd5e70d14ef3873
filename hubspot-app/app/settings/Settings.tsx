import { hubspot } from '@hubspot/ui-extensions';
import { SettingsPage } from '@lead-scoring/extensions';

// Entry of the app's settings page (settings-hsmeta.json), reached under Connected apps → Lead Scoring → Settings.
// The UI is @lead-scoring/extensions; it reads and writes models through the app's signed API.
// The app's public origin: listed in app-hsmeta.json `permittedUrls.fetch`, equal to PUBLIC_BASE_URL.
const API_BASE_URL = 'https://lead-scoring.example.com';

hubspot.extend<'settings'>(({ context, actions }) => (
  <SettingsPage context={context} actions={actions} apiBaseUrl={API_BASE_URL} />
));
