import { isHubSpotProperty, outputNames, type Model } from '../scoring/index.js';

type Update = { id: string; properties: Record<string, string> };

/**
 * The last gate before a HubSpot write: keeps only the properties the published models own (their output
 * names), never one of HubSpot's own, whatever produced the update. `dropped` names anything removed, which
 * would be a bug upstream: validation already refuses such models.
 */
export function onlyOwnedOutputs(updates: Update[], models: { model: Model }[]): { updates: Update[]; dropped: string[] } {
  const owned = new Set(models.flatMap((m) => Object.values(outputNames(m.model))).filter((n) => !isHubSpotProperty(n)));
  const dropped = new Set<string>();
  const kept: Update[] = [];
  for (const u of updates) {
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(u.properties)) {
      if (owned.has(k)) properties[k] = v;
      else dropped.add(k);
    }
    if (Object.keys(properties).length) kept.push({ id: u.id, properties });
  }
  return { updates: kept, dropped: [...dropped] };
}
