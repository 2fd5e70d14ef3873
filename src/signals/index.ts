/**
 * Signals: HubSpot data (property changes, current values, property history) → the scoring events the engine
 * reads. Pure: no I/O, no clock.
 */
export * from './signal-properties.js';
export * from './parse-time.js';
export * from './ledger-event.js';
export * from './events-from-change.js';
export * from './events-from-properties.js';
export * from './events-from-history.js';
export * from './merge-events.js';
export * from './ledger-policy.js';
export * from './sync-properties.js';
export * from './history-need.js';
