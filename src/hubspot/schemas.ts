import { z } from 'zod';

/**
 * Shapes of the HubSpot data the pipeline relies on, validated on the way in (STYLE.md §4). The SDK turns
 * timestamps into Date objects; they are normalised back to ISO strings, HubSpot's wire format.
 */

const Timestamp = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'invalid timestamp' });
    return z.NEVER;
  }
  return d.toISOString();
});

/** One value in a property's history (newest first, as HubSpot sends it). */
export const PropertyVersionSchema = z.object({
  value: z.string(),
  timestamp: Timestamp,
  sourceType: z.string().optional(),
  sourceId: z.string().optional(),
});

export const ContactRecordSchema = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  propertiesWithHistory: z.record(z.string(), z.array(PropertyVersionSchema)).optional(),
  updatedAt: Timestamp.optional(),
});
export type ContactRecord = z.infer<typeof ContactRecordSchema>;
export type PropertyVersion = z.infer<typeof PropertyVersionSchema>;

/** A per-record error of a batch call (207 multi-status). `ids` are the records it concerns, when HubSpot says. */
export const BatchErrorSchema = z
  .object({
    category: z.string(),
    message: z.string(),
    context: z.record(z.string(), z.array(z.string())).optional(),
  })
  .transform((e) => ({ category: e.category, message: e.message, ids: e.context?.ids ?? [] }));
export type BatchError = z.infer<typeof BatchErrorSchema>;

export const BatchResponseSchema = z.object({
  results: z.array(ContactRecordSchema),
  errors: z.array(BatchErrorSchema).optional(),
});

export const ListResponseSchema = z.object({
  results: z.array(ContactRecordSchema),
  paging: z.object({ next: z.object({ after: z.string() }).optional() }).optional(),
});

export const SearchResponseSchema = ListResponseSchema.extend({ total: z.number().int() });

/** A contact update: an empty string clears a value (PLATFORM.md §6). */
export const ContactUpdateSchema = z.object({ id: z.string().min(1), properties: z.record(z.string(), z.string()) });
export type ContactUpdate = z.infer<typeof ContactUpdateSchema>;

export const PropertyOptionSchema = z.object({
  label: z.string().min(1),
  value: z.string(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});
export type PropertyOption = z.infer<typeof PropertyOptionSchema>;

/** A contact property to create (HubSpot's PropertyCreate). */
export const PropertySpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool']),
  fieldType: z.enum(['text', 'textarea', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'date']),
  groupName: z.string().min(1),
  description: z.string().optional(),
  displayOrder: z.number().int().optional(),
  formField: z.boolean().optional(),
  options: z.array(PropertyOptionSchema).optional(),
});
export type PropertySpec = z.infer<typeof PropertySpecSchema>;

export const PropertyGroupSpecSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  displayOrder: z.number().int().optional(),
});
export type PropertyGroupSpec = z.infer<typeof PropertyGroupSpecSchema>;

/** An existing property as read back (only what the bootstrap compares). */
export const ExistingPropertySchema = z.object({
  name: z.string(),
  type: z.string(),
  options: z.array(PropertyOptionSchema.extend({ label: z.string() })).default([]),
});

/** A contacts search (≤ 200 per page; PLATFORM.md §6). */
export const SearchRequestSchema = z.object({
  filterGroups: z
    .array(
      z.object({
        filters: z.array(
          z.object({
            propertyName: z.string(),
            operator: z.string(),
            value: z.string().optional(),
            values: z.array(z.string()).optional(),
            highValue: z.string().optional(),
          }),
        ),
      }),
    )
    .default([]),
  sorts: z
    .array(z.union([z.string(), z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']) })]))
    .optional(),
  /** Free text matched against a contact's default searchable properties (`query` of @hubspot/api-client's PublicObjectSearchRequest). */
  query: z.string().optional(),
  properties: z.array(z.string()).default([]),
  limit: z.number().int().min(1).max(200).default(100),
  after: z.string().optional(),
});
export type SearchRequest = z.input<typeof SearchRequestSchema>;
