import type { ContactInput } from './model-types.js';

/**
 * A contact with a known outcome: what the analysis learns from and what a model is evaluated on.
 * - `converted`: the outcome (became a customer, closed-won deal, the CSV's outcome column had the value).
 * - `observedAt` (epoch ms): the moment the features describe; event windows count back from it and the engine
 *   scores the contact as of it. Without it the caller's `now` is used.
 * - `convertedAt` and `recordedAt` (property → epoch ms when its current value was set), where known, let the
 *   leakage guard find features recorded after the outcome.
 */
export type LabelledContact = ContactInput & {
  converted: boolean;
  observedAt?: number;
  convertedAt?: number;
  recordedAt?: Record<string, number>;
};
