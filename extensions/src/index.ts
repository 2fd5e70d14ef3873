/** The lead-scoring UI extensions: the contact card and the settings page, and the API client they share. */
export const PACKAGE_NAME = '@lead-scoring/extensions';
export { ScoreCard, type ScoreCardProps } from './card/ScoreCard.js';
export { SettingsPage, type SettingsPageProps } from './settings/SettingsPage.js';
export { callerOf, createApiClient, type ApiClient, type ApiClientOptions, type Caller, type FetchLike } from './api/client.js';
export { ApiClientError } from './api/errors.js';
