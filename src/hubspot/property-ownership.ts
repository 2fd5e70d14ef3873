import { z } from 'zod';
import { isHubSpotProperty } from '../scoring/index.js';
import type { CallHubSpot } from './call-hubspot.js';
import { HubSpotBadResponseError } from './errors.js';

/** What decides whether an existing contact property is the app's own. */
export const OwnedPropertySchema = z.object({
  name: z.string(),
  type: z.string(),
  groupName: z.string(),
  hubspotDefined: z.boolean().optional(),
});
export type ExistingProperty = z.infer<typeof OwnedPropertySchema>;

/**
 * Why an existing property is not the app's to write, or null when it is: the app's properties are the ones it
 * created, in its own group, of the type it gives them, never HubSpot-defined and never HubSpot's names.
 */
export function foreignReason(existing: ExistingProperty, wanted: { groupName: string; type: string }): string | null {
  if (existing.hubspotDefined || isHubSpotProperty(existing.name)) return 'it is a HubSpot property';
  if (existing.groupName !== wanted.groupName) return `it is in the property group "${existing.groupName}"`;
  if (existing.type !== wanted.type) return `it is of type "${existing.type}", not "${wanted.type}"`;
  return null;
}

/** Every contact property of the portal (one call), as far as ownership needs. */
export async function readContactProperties(call: CallHubSpot, portalId: number): Promise<Map<string, ExistingProperty>> {
  const raw = await call(portalId, 'properties.list', 'default', (c, o) => c.crm.properties.coreApi.getAll('contacts', false, undefined, o));
  const parsed = z.object({ results: z.array(OwnedPropertySchema) }).safeParse(raw);
  if (!parsed.success) throw new HubSpotBadResponseError('properties.list: unexpected response', { portalId });
  return new Map(parsed.data.results.map((p) => [p.name, p]));
}
