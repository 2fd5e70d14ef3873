import { z } from 'zod';

/**
 * HubSpot webhook batches (PLATFORM.md §4): a JSON array of events. Field names from HubSpot's webhooks guide
 * and the changelog that added merge/restore/association events ("New subscription types for Webhooks":
 * `primaryObjectId`, `mergedObjectIds`, `newObjectId`, `numberOfPropertiesMoved`; `associationType`,
 * `fromObjectId`, `toObjectId`, `associationRemoved`, `isPrimaryAssociation`). Generic `object.*` events carry
 * `objectTypeId` (`0-1` is contacts) and, for associations, `fromObjectTypeId` / `toObjectTypeId`.
 * Ids arrive as numbers; they are kept as decimal strings, like the CRM API's ids.
 */

const Id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);

/** Fields every event has. Unknown fields are kept (HubSpot adds fields over time). */
export const BaseEventSchema = z.looseObject({
  eventId: z.union([z.number(), z.string()]),
  subscriptionId: z.union([z.number(), z.string()]),
  portalId: z.number().int().positive(),
  appId: z.union([z.number(), z.string()]),
  occurredAt: z.number().int().nonnegative(),
  subscriptionType: z.string().min(1),
  attemptNumber: z.number().int().nonnegative(),
  objectId: Id.optional(),
  objectTypeId: z.string().optional(),
  changeSource: z.string().optional(),
  changeFlag: z.string().optional(),
  sourceId: z.string().optional(),
});
export type BaseEvent = z.infer<typeof BaseEventSchema>;

/** Extra fields each kind of event must carry; a known kind without them is a malformed batch. */
export const KindSchemas = {
  creation: z.looseObject({ objectId: Id }),
  deletion: z.looseObject({ objectId: Id }),
  restore: z.looseObject({ objectId: Id }),
  privacyDeletion: z.looseObject({ objectId: Id }),
  propertyChange: z.looseObject({
    objectId: Id,
    propertyName: z.string().min(1),
    // A cleared value may come as "" or be absent.
    propertyValue: z.string().nullish(),
  }),
  merge: z.looseObject({
    objectId: Id.optional(),
    primaryObjectId: Id,
    mergedObjectIds: z.array(Id),
    newObjectId: Id.optional(),
    numberOfPropertiesMoved: z.number().int().optional(),
  }),
  associationChange: z.looseObject({
    fromObjectId: Id,
    toObjectId: Id,
    associationType: z.string().optional(),
    associationRemoved: z.boolean().optional(),
    fromObjectTypeId: z.string().optional(),
    toObjectTypeId: z.string().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  }),
} as const;

export type EventKind = keyof typeof KindSchemas;
export type KindEvent<K extends EventKind> = BaseEvent & z.infer<(typeof KindSchemas)[K]>;

/** `contact.propertyChange` → {scope 'contact', kind 'propertyChange'}; `object.merge` → {scope 'object', …}. */
export function splitType(subscriptionType: string): { scope: string; kind: string } {
  const dot = subscriptionType.indexOf('.');
  return dot < 0 ? { scope: '', kind: subscriptionType } : { scope: subscriptionType.slice(0, dot), kind: subscriptionType.slice(dot + 1) };
}

export type ParsedEvent = { [K in EventKind]: { kind: K; event: KindEvent<K> } }[EventKind] | { kind: null; event: BaseEvent };

export type BatchParse = { ok: true; events: ParsedEvent[] } | { ok: false; issues: { path: string; message: string }[] };

const path = (index: number, p: PropertyKey[]) => `[${index}]${p.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('')}`;

/**
 * Validates a parsed body as a webhook batch: an array whose every event has the common fields, and the fields
 * of its kind when the kind is one we handle. Every problem is reported with its path (`[3].propertyName`).
 */
export function parseWebhookBatch(body: unknown): BatchParse {
  if (!Array.isArray(body)) return { ok: false, issues: [{ path: '', message: 'expected a JSON array of events' }] };
  const issues: { path: string; message: string }[] = [];
  const events: ParsedEvent[] = [];
  body.forEach((raw, i) => {
    const base = BaseEventSchema.safeParse(raw);
    if (!base.success) {
      issues.push(...base.error.issues.map((x) => ({ path: path(i, x.path), message: x.message })));
      return;
    }
    const { kind } = splitType(base.data.subscriptionType);
    const schema = (KindSchemas as Record<string, z.ZodType>)[kind];
    if (!schema) {
      events.push({ kind: null, event: base.data });
      return;
    }
    const extra = schema.safeParse(raw);
    if (!extra.success) issues.push(...extra.error.issues.map((x) => ({ path: path(i, x.path), message: x.message })));
    else events.push({ kind, event: { ...base.data, ...(extra.data as object) } } as ParsedEvent);
  });
  return issues.length ? { ok: false, issues } : { ok: true, events };
}
