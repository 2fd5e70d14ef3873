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

/** An event left out of a batch: its index, and what was wrong, by path (never the values: they may be personal). */
export type SkippedEvent = { index: number; portalId: number | null; issues: { path: string; message: string }[] };

export type BatchParse = { ok: true; events: ParsedEvent[]; skipped: SkippedEvent[] } | { ok: false; issues: { path: string; message: string }[] };

const path = (index: number, p: PropertyKey[]) => `[${index}]${p.map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`)).join('')}`;

/**
 * HubSpot's webhook field table names the type field `eventType` in places where the payload examples say
 * `subscriptionType` ("Webhooks API", developers.hubspot.com/docs/api-reference/latest/webhooks/guide): accept
 * either, `subscriptionType` winning when both are present.
 */
function withSubscriptionType(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  return r.subscriptionType === undefined && typeof r.eventType === 'string' ? { ...r, subscriptionType: r.eventType } : raw;
}

const portalOf = (raw: unknown): number | null => {
  const id = (raw as { portalId?: unknown } | null)?.portalId;
  return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : null;
};

/**
 * Validates a parsed body as a webhook batch, event by event. A body that is not an array is refused whole
 * (`ok: false`); otherwise every event with the common fields (and the fields of its kind, when the kind is one we
 * handle) is kept, and each other event is skipped with its problems by path (`[3].propertyName`). HubSpot retries
 * a refused batch and then drops it whole, so one bad event must not cost the others.
 */
export function parseWebhookBatch(body: unknown): BatchParse {
  if (!Array.isArray(body)) return { ok: false, issues: [{ path: '', message: 'expected a JSON array of events' }] };
  const skipped: SkippedEvent[] = [];
  const events: ParsedEvent[] = [];
  body.forEach((original, i) => {
    const raw = withSubscriptionType(original);
    const skip = (issues: z.core.$ZodIssue[]) =>
      skipped.push({ index: i, portalId: portalOf(raw), issues: issues.map((x) => ({ path: path(i, x.path), message: x.message })) });
    const base = BaseEventSchema.safeParse(raw);
    if (!base.success) return skip(base.error.issues);
    const { kind } = splitType(base.data.subscriptionType);
    const schema = (KindSchemas as Record<string, z.ZodType>)[kind];
    if (!schema) return events.push({ kind: null, event: base.data });
    const extra = schema.safeParse(raw);
    if (!extra.success) return skip(extra.error.issues);
    events.push({ kind, event: { ...base.data, ...(extra.data as object) } } as ParsedEvent);
  });
  return { ok: true, events, skipped };
}
