import { modelProperties, type Model } from '../scoring/index.js';
import { SIGNAL_PROPERTIES } from './signal-properties.js';

/**
 * Exactly the contact properties a batch read must fetch to score with these models: what each model reads
 * (including its scope) plus what the signal mapping needs. Sorted, so the request is stable.
 */
export function syncProperties(models: readonly Model[]): string[] {
  const all = new Set<string>(SIGNAL_PROPERTIES);
  for (const m of models) for (const p of modelProperties(m)) all.add(p);
  return [...all].sort();
}
