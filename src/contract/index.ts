/**
 * The API contract between the backend (`src/web/api`) and the UI extensions (`extensions/`): one zod schema per
 * request and response, types inferred from them. Pure and browser-safe (zod + engine types only): the
 * extensions bundle includes it.
 */
export * from './errors.js';
export * from './score.js';
export * from './card.js';
export * from './models.js';
export * from './preview.js';
export * from './analysis.js';
export * from './crm-lookup.js';
export * from './portal-data.js';
export * from './endpoints.js';
