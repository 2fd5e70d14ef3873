import { eventsFromChange } from '../../signals/index.js';
import type { SignalBatch } from '../../store/signal-batch.js';
import { splitType, type BaseEvent, type EventKind, type KindEvent, type ParsedEvent } from './webhook-schema.js';

/** HubSpot's object type id for contacts (generic `object.*` events). */
export const CONTACT_TYPE_ID = '0-1';

export type HandlerContext = {
  batch: SignalBatch;
  /** True for a property the app itself writes (a published model's output): its changes are our own echo. */
  isOwnProperty: (name: string) => boolean;
  debug: (msg: string, fields: Record<string, unknown>) => void;
};

/** Whether an event is about contacts: `contact.*`, or `object.*` with the contacts type id. */
function isContactEvent(e: BaseEvent): boolean {
  const { scope } = splitType(e.subscriptionType);
  return scope === 'contact' || (scope === 'object' && e.objectTypeId === CONTACT_TYPE_ID);
}

/**
 * One handler per subscription type (STYLE.md §3). Handlers only record into the batch; nothing here does I/O
 * or knows about HTTP, and nothing calls HubSpot (ARCHITECTURE.md "Acknowledge fast, work later").
 */
export const WEBHOOK_HANDLERS: { [K in EventKind]: (e: KindEvent<K>, ctx: HandlerContext) => void } = {
  creation: (e, ctx) => {
    if (isContactEvent(e)) ctx.batch.touch(e.objectId);
  },
  propertyChange: (e, ctx) => {
    if (!isContactEvent(e)) return;
    // Writing our scores emits changes of our own properties: scoring them again would loop (PLATFORM.md §4).
    if (ctx.isOwnProperty(e.propertyName)) return;
    const events = eventsFromChange({ property: e.propertyName, value: e.propertyValue, occurredAt: e.occurredAt });
    ctx.batch.record(e.objectId, events);
  },
  deletion: (e, ctx) => {
    if (isContactEvent(e)) ctx.batch.erase(e.objectId);
  },
  privacyDeletion: (e, ctx) => {
    if (isContactEvent(e)) ctx.batch.erase(e.objectId);
  },
  merge: (e, ctx) => {
    if (!isContactEvent(e)) return;
    // The survivor is the new record when HubSpot created one, else the primary (changelog, see webhook-schema.ts).
    const survivor = e.newObjectId ?? e.primaryObjectId;
    ctx.batch.merge(survivor, [e.primaryObjectId, ...e.mergedObjectIds]);
  },
  restore: (e, ctx) => {
    if (isContactEvent(e)) ctx.batch.touch(e.objectId);
  },
  associationChange: (e, ctx) => {
    const { scope } = splitType(e.subscriptionType);
    if (scope === 'contact') {
      // Legacy contact.associationChange names the sides in associationType (CONTACT_TO_COMPANY, COMPANY_TO_CONTACT).
      const type = (e.associationType ?? 'CONTACT_TO_').toUpperCase();
      if (type.startsWith('CONTACT_TO_')) ctx.batch.touch(e.fromObjectId);
      if (type.endsWith('_TO_CONTACT')) ctx.batch.touch(e.toObjectId);
      return;
    }
    if (scope !== 'object') return;
    if (e.fromObjectTypeId === CONTACT_TYPE_ID) ctx.batch.touch(e.fromObjectId);
    if (e.toObjectTypeId === CONTACT_TYPE_ID) ctx.batch.touch(e.toObjectId);
  },
};

/**
 * Applies a validated batch's events of one portal, oldest first (delivery is unordered; a deletion then wins
 * over later-recorded events of the same contact in the batch). Unknown kinds are ignored with a debug log.
 */
export function applyEvents(events: ParsedEvent[], ctx: HandlerContext): void {
  const ordered = [...events].sort((a, b) => a.event.occurredAt - b.event.occurredAt);
  for (const p of ordered) {
    if (p.kind === null) {
      ctx.debug('webhook event of an unhandled type ignored', { subscriptionType: p.event.subscriptionType, portalId: p.event.portalId });
      continue;
    }
    (WEBHOOK_HANDLERS[p.kind] as (e: unknown, c: HandlerContext) => void)(p.event, ctx);
  }
}
