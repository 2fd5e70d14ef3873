import { compileModel, evaluate, outputProperties, parseModel } from '../../../src/scoring/index.js';
import { starterModel } from './harness.js';

/** The output properties that do not change with the moment of scoring. */
export const STABLE_OUTPUTS = ['lead_score', 'lead_score_fit', 'lead_score_engagement', 'lead_score_grade', 'lead_score_stage', 'lead_score_reason'];

/**
 * What the engine computes with the starter model for a contact's properties and events, restricted to the
 * stable outputs; null when the contact is out of scope (nothing is written for it).
 */
export function expectedStarterOutputs(
  properties: Record<string, string | null>,
  events: { type: string; at: number; [k: string]: unknown }[],
  now: number,
): Record<string, string> | null {
  const parsed = parseModel(starterModel());
  if (!parsed.ok) throw new Error('starter model invalid');
  const result = evaluate(compileModel(parsed.model), { properties, events }, now);
  if (!result.inScope) return null;
  const out = outputProperties(parsed.model, result);
  return Object.fromEntries(STABLE_OUTPUTS.map((k) => [k, out[k] ?? '']));
}

export const stableOf = (properties: Record<string, string | null>) =>
  Object.fromEntries(STABLE_OUTPUTS.map((k) => [k, properties[k] ?? '']));
