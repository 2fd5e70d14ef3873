import { z } from 'zod';

/**
 * What the settings page looks up in the portal's CRM: contact property definitions for the property picker, and
 * contacts by name or email for "Test on a contact". Both are read through HubSpot's API by the server (the
 * portal's budget applies); the page never needs a property's internal name or a record id.
 */

export const CrmPropertyOptionSchema = z.object({ label: z.string(), value: z.string() });
export type CrmPropertyOption = z.infer<typeof CrmPropertyOptionSchema>;

/** A contact property as the editor offers it: HubSpot's definition, reduced to what the picker uses. */
export const CrmPropertySchema = z.object({
  name: z.string().min(1),
  label: z.string(),
  /** HubSpot's property type: string, number, date, datetime, enumeration, bool (others are kept as sent). */
  type: z.string(),
  fieldType: z.string(),
  groupName: z.string(),
  hubspotDefined: z.boolean(),
  /** Enumeration options (visible ones), in HubSpot's display order. */
  options: z.array(CrmPropertyOptionSchema),
});
export type CrmProperty = z.infer<typeof CrmPropertySchema>;

/** `refresh=1` bypasses the cached copy (a property created in HubSpot since). */
export const PropertyListQuerySchema = z.object({ refresh: z.enum(['0', '1']).optional() });

export const PropertyListSchema = z.object({
  properties: z.array(CrmPropertySchema),
  /** When the definitions were read from HubSpot (ISO 8601): the cache's age. */
  fetchedAt: z.string(),
});
export type PropertyList = z.infer<typeof PropertyListSchema>;

/** Words of a name or an email (HubSpot's search `query`: first name, last name, email, phone, company). */
export const ContactSearchQuerySchema = z.object({ q: z.string().trim().min(1, 'type a name or an email').max(100) });

export const ContactMatchSchema = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });
export type ContactMatch = z.infer<typeof ContactMatchSchema>;

export const ContactSearchResponseSchema = z.object({
  contacts: z.array(ContactMatchSchema),
  /** Every match HubSpot counted (only the first few are listed). */
  total: z.number().int().min(0),
});
export type ContactSearchResponse = z.infer<typeof ContactSearchResponseSchema>;
