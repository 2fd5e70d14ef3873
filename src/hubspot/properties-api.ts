import { z } from 'zod';
import type { CallHubSpot } from './call-hubspot.js';
import { validated } from './contacts-api.js';
import { PropertyOptionSchema } from './schemas.js';

/**
 * A contact property definition as `GET /crm/v3/properties/contacts` returns it (HubSpot's `Property`; the SDK
 * turns the timestamps into Dates, unused here). `hubspotDefined` is absent on custom properties.
 */
export const PropertyDefinitionSchema = z.object({
  name: z.string().min(1),
  label: z.string(),
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  hidden: z.boolean().optional(),
  hubspotDefined: z.boolean().optional(),
  options: z.array(PropertyOptionSchema.extend({ label: z.string() })).default([]),
});
export type PropertyDefinition = z.infer<typeof PropertyDefinitionSchema>;

const PropertyListResponseSchema = z.object({ results: z.array(PropertyDefinitionSchema) });

/**
 * Every (non-archived) contact property definition of the portal in one call: the endpoint does not page
 * (its response type in @hubspot/api-client's generated crm/properties code is `CollectionResponsePropertyNoPaging`).
 */
export async function listContactProperties(call: CallHubSpot, portalId: number): Promise<PropertyDefinition[]> {
  const raw = await call(portalId, 'properties.list', 'default', (c, o) => c.crm.properties.coreApi.getAll('contacts', false, undefined, o));
  return validated(PropertyListResponseSchema, raw, 'properties.list').results;
}
