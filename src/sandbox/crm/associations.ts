import type { ObjectTypeName } from './default-properties.js';

/**
 * Associations between records, stored in both directions with HubSpot's default association type ids
 * (v4 "HUBSPOT_DEFINED": contact→company 279 and 1 for the primary company, company→contact 280 and 2,
 * contact→deal 4, deal→contact 3).
 */
export type AssociationType = { category: 'HUBSPOT_DEFINED' | 'USER_DEFINED'; typeId: number; label: string | null };
export type Association = { toType: ObjectTypeName; toId: string; types: AssociationType[] };

const DEFAULT_TYPES: Record<string, { forward: AssociationType[]; backward: AssociationType[] }> = {
  'contacts>companies': {
    forward: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }],
    backward: [{ category: 'HUBSPOT_DEFINED', typeId: 280, label: null }, { category: 'HUBSPOT_DEFINED', typeId: 2, label: 'Primary' }],
  },
  'contacts>deals': {
    forward: [{ category: 'HUBSPOT_DEFINED', typeId: 4, label: null }],
    backward: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
  },
};

export class AssociationStore {
  private readonly links = new Map<string, Association[]>();

  /** Associates two records with the default types for the pair (both directions). */
  add(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName, toId: string): void {
    const forwardKey = `${fromType}>${toType}`;
    const backwardKey = `${toType}>${fromType}`;
    const spec = DEFAULT_TYPES[forwardKey];
    const reverse = DEFAULT_TYPES[backwardKey];
    const forward = spec?.forward ?? reverse?.backward ?? [];
    const backward = spec?.backward ?? reverse?.forward ?? [];
    this.push(fromType, fromId, { toType, toId, types: forward });
    this.push(toType, toId, { toType: fromType, toId: fromId, types: backward });
  }

  /** Everything `fromId` is associated with of `toType`. */
  of(fromType: ObjectTypeName, fromId: string, toType: ObjectTypeName): Association[] {
    return (this.links.get(`${fromType}:${fromId}`) ?? []).filter((a) => a.toType === toType);
  }

  private push(type: ObjectTypeName, id: string, association: Association): void {
    const key = `${type}:${id}`;
    const list = this.links.get(key) ?? [];
    if (!list.some((a) => a.toType === association.toType && a.toId === association.toId)) list.push(association);
    this.links.set(key, list);
  }
}
