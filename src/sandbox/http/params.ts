import type { ObjectTypeName } from '../crm/default-properties.js';
import { validationError } from './hubspot-error.js';

const OBJECT_TYPES: Record<string, ObjectTypeName> = {
  contacts: 'contacts', contact: 'contacts', '0-1': 'contacts',
  companies: 'companies', company: 'companies', '0-2': 'companies',
  deals: 'deals', deal: 'deals', '0-3': 'deals',
};

/** The object type named in a path (`contacts` or its type id `0-1`), as HubSpot accepts either. */
export function objectType(raw: unknown): ObjectTypeName {
  const t = typeof raw === 'string' ? OBJECT_TYPES[raw.toLowerCase()] : undefined;
  if (!t) throw validationError(`Unable to infer object type from: ${String(raw)}`);
  return t;
}

/** A list query parameter, sent either comma-separated or repeated (the SDK does the former). */
export function listParam(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => String(v).split(','));
  const names = parts.map((p) => p.trim()).filter(Boolean);
  return names.length ? names : undefined;
}

/** The scopes a read or write of an object type needs. */
export function objectScope(type: ObjectTypeName, access: 'read' | 'write'): string {
  return `crm.objects.${type}.${access}`;
}

/** The scopes property-definition reads and writes need. */
export function schemaScope(type: ObjectTypeName, access: 'read' | 'write'): string {
  return access === 'write' ? `crm.schemas.${type}.write` : `crm.objects.${type}.read`;
}
