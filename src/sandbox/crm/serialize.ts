import type { ObjectTypeName } from './default-properties.js';
import type { CrmRecord } from './object-store.js';
import type { Portal } from './portal.js';

/** The properties HubSpot returns when a request names none. */
export const DEFAULT_PROPERTIES: Record<ObjectTypeName, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
};

const ALWAYS: Record<ObjectTypeName, string[]> = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export type PublicObject = {
  id: string;
  properties: Record<string, string | null>;
  propertiesWithHistory?: Record<string, { value: string; timestamp: string; sourceType: string; sourceId?: string }[]>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
};

/**
 * A record as HubSpot's v3 object APIs return it (`SimplePublicObject`): requested properties that are defined
 * but empty come back as null, undefined ones are left out, and the id/created/modified properties are always
 * there. History entries are newest first with ISO timestamps.
 */
export function toPublicObject(
  portal: Portal, type: ObjectTypeName, record: CrmRecord, properties: string[] | undefined, withHistory: string[] = [],
): PublicObject {
  const names = new Set([...(properties?.length ? properties : DEFAULT_PROPERTIES[type]), ...ALWAYS[type]]);
  const registry = portal.properties[type];
  const props: Record<string, string | null> = {};
  for (const name of names) if (registry.has(name)) props[name] = portal.value(type, record, name);
  const out: PublicObject = {
    id: record.id, properties: props,
    createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString(), archived: false,
  };
  if (withHistory.length) {
    out.propertiesWithHistory = {};
    for (const name of withHistory) {
      if (!registry.has(name)) continue;
      out.propertiesWithHistory[name] = portal.historyOf(type, record, name).map((h) => ({
        value: h.value, timestamp: new Date(h.timestamp).toISOString(), sourceType: h.sourceType,
        ...(h.sourceId ? { sourceId: h.sourceId } : {}),
      }));
    }
  }
  return out;
}
