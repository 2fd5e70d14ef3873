import { hubspot } from '@hubspot/ui-extensions';
import { ScoreCard } from '@lead-scoring/extensions';

// Entry of the contact record card (score-card-hsmeta.json). HubSpot bundles it on upload with React 18 from the
// host; the UI is @lead-scoring/extensions (the repo's extensions/ package, shipped built).
// The app's public origin: it must be listed in app-hsmeta.json `permittedUrls.fetch` (hubspot.fetch refuses
// any other) and equal PUBLIC_BASE_URL of the deployed app.
const API_BASE_URL = 'https://lead-scoring.example.com';

hubspot.extend<'crm.record.tab'>(({ context, actions }) => (
  <ScoreCard context={context} actions={actions} apiBaseUrl={API_BASE_URL} />
));
