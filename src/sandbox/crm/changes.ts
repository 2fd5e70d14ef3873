import type { ObjectTypeName } from './default-properties.js';

/**
 * What the portal reports when a record changes: the webhook dispatcher turns these into HubSpot events for the
 * apps subscribed to them. `sourceType` is HubSpot's change source (`INTEGRATION` for an app's API write, with
 * `sourceId` = its app id; `CRM_UI`, `IMPORT`, `ANALYTICS`, `FORM`, `EMAIL`, `MEETINGS`, `SALES` otherwise).
 */
export type WriteSource = { sourceType: string; sourceId?: string };

export type CrmChange = {
  portalId: number;
  objectType: ObjectTypeName;
  objectId: string;
  kind: 'creation' | 'deletion' | 'propertyChange' | 'merge' | 'privacyDeletion';
  occurredAt: number;
  source: WriteSource;
  propertyName?: string;
  /** As HubSpot's webhooks carry it: date and datetime values as epoch milliseconds. */
  propertyValue?: string;
  primaryObjectId?: string;
  mergedObjectIds?: string[];
};

export type ChangeListener = (change: CrmChange) => void;
