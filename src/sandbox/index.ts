/**
 * A local stand-in for the part of HubSpot the app uses (OAuth, CRM properties, objects, search, associations,
 * rate limits, signed webhooks), seeded with the lead dataset and an activity simulator. See docs/sandbox.md.
 */
export { startSandbox, type Sandbox } from './start-sandbox.js';
export { DEFAULT_PORTAL_ID, DEMO_APP_CREDENTIALS, type SandboxOptions } from './options.js';
export { manualClock, systemClock, type Clock } from './clock.js';
export type { AppInput, RegisteredApp, Subscription } from './oauth/apps.js';
export type { TokenPair } from './oauth/tokens.js';
export type { Fault } from './http/faults.js';
export type { RequestSummary, RequestRecord } from './http/request-log.js';
export type { WebhookEvent } from './webhooks/events.js';
export type { SimulatedEvent } from './simulator/activity-simulator.js';
export { webhooksFromHsMeta } from './webhooks/hsmeta.js';
export { Portal } from './crm/portal.js';
export { DEFAULT_SUBSCRIPTIONS } from './webhooks/default-subscriptions.js';
