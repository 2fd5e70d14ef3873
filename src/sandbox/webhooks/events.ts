import type { CrmChange } from '../crm/changes.js';
import type { ObjectTypeName } from '../crm/default-properties.js';
import { Portal } from '../crm/portal.js';
import type { RegisteredApp, Subscription } from '../oauth/apps.js';

/**
 * HubSpot webhook events: one per (change, matching subscription). Fields as HubSpot sends them: numeric ids,
 * `occurredAt` in ms, `attemptNumber` from 0, `propertyName`/`propertyValue` on property changes, `objectTypeId`
 * on the generic `object.*` types, the merge fields (`primaryObjectId`, `mergedObjectIds`, `newObjectId`,
 * `numberOfPropertiesMoved`, from HubSpot's changelog) on merges, and `changeFlag` on creation, deletion and
 * merge events (HubSpot's own samples carry none on property changes).
 */
export type WebhookEvent = {
  eventId: number; subscriptionId: number; portalId: number; appId: number; occurredAt: number;
  subscriptionType: string; attemptNumber: number; objectId: number; changeSource: string;
  changeFlag?: string; sourceId?: string; objectTypeId?: string; propertyName?: string; propertyValue?: string;
  primaryObjectId?: number; mergedObjectIds?: number[]; newObjectId?: number; numberOfPropertiesMoved?: number;
};

const TYPE_IDS: Record<ObjectTypeName, string> = { contacts: '0-1', companies: '0-2', deals: '0-3' };
const OBJECT_NAMES: Record<string, ObjectTypeName> = {
  contact: 'contacts', contacts: 'contacts', '0-1': 'contacts', company: 'companies', companies: 'companies', '0-2': 'companies',
  deal: 'deals', deals: 'deals', '0-3': 'deals',
};
const FLAGS: Partial<Record<CrmChange['kind'], string>> = { creation: 'CREATED', deletion: 'DELETED', merge: 'MERGED', privacyDeletion: 'DELETED' };

/** The app's active subscriptions that a change triggers. */
export function matchingSubscriptions(app: RegisteredApp, change: CrmChange): Subscription[] {
  return (app.webhooks?.subscriptions ?? []).filter((s) => {
    if (!s.active) return false;
    const [scope, action] = s.subscriptionType.split('.');
    if (action !== change.kind) return false;
    const objectOk = scope === 'object'
      ? OBJECT_NAMES[(s.objectType ?? '').toLowerCase()] === change.objectType
      : scope === Portal.webhookObjectName(change.objectType);
    if (!objectOk) return false;
    return change.kind !== 'propertyChange' || s.propertyName === change.propertyName;
  });
}

export function toEvent(change: CrmChange, app: RegisteredApp, sub: Subscription, eventId: number): WebhookEvent {
  const event: WebhookEvent = {
    eventId, subscriptionId: sub.id, portalId: change.portalId, appId: app.appId, occurredAt: change.occurredAt,
    subscriptionType: sub.subscriptionType, attemptNumber: 0, objectId: Number(change.objectId), changeSource: change.source.sourceType,
  };
  const flag = FLAGS[change.kind];
  if (flag) event.changeFlag = flag;
  if (change.source.sourceId) event.sourceId = change.source.sourceId;
  if (sub.subscriptionType.startsWith('object.')) event.objectTypeId = TYPE_IDS[change.objectType];
  if (change.kind === 'propertyChange') { event.propertyName = change.propertyName; event.propertyValue = change.propertyValue; }
  if (change.kind === 'merge') {
    event.primaryObjectId = Number(change.primaryObjectId);
    event.mergedObjectIds = (change.mergedObjectIds ?? []).map(Number);
    event.newObjectId = Number(change.primaryObjectId);
    event.numberOfPropertiesMoved = 0;
  }
  return event;
}
