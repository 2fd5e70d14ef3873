import type { Clock } from '../clock.js';
import { AssociationStore } from './associations.js';
import type { ChangeListener, CrmChange, WriteSource } from './changes.js';
import { defaultProperties, type ObjectTypeName } from './default-properties.js';
import { ObjectStore, type CrmRecord, type HistoryEntry } from './object-store.js';
import { PropertyRegistry, type WriteProblem } from './property-registry.js';

export const OBJECT_TYPES: ObjectTypeName[] = ['contacts', 'deals', 'companies'];
/** Contacts keep `lastmodifieddate`; deals and companies call it `hs_lastmodifieddate` (HubSpot's naming). */
const MODIFIED: Record<ObjectTypeName, string> = { contacts: 'lastmodifieddate', deals: 'hs_lastmodifieddate', companies: 'hs_lastmodifieddate' };
const FIRST_ID: Record<ObjectTypeName, number> = { contacts: 1001, deals: 5_000_001, companies: 7_000_001 };
const WEBHOOK_OBJECT: Record<ObjectTypeName, string> = { contacts: 'contact', deals: 'deal', companies: 'company' };

export type WriteOptions = { internal?: boolean; at?: number };

/**
 * One HubSpot account: its records, property definitions and associations. Every write goes through the
 * property rules and reports each real change to the listeners (the webhook dispatcher).
 */
export class Portal {
  readonly objects: Record<ObjectTypeName, ObjectStore>;
  readonly properties: Record<ObjectTypeName, PropertyRegistry>;
  readonly associations = new AssociationStore();
  readonly domain: string;
  /** The portal's one user: the one who installs apps. */
  readonly user: { id: number; email: string };
  private readonly listeners = new Set<ChangeListener>();

  constructor(readonly id: number, private readonly clock: Clock) {
    const defaults = defaultProperties(clock.now());
    this.objects = { contacts: new ObjectStore(FIRST_ID.contacts), deals: new ObjectStore(FIRST_ID.deals), companies: new ObjectStore(FIRST_ID.companies) };
    this.properties = {
      contacts: new PropertyRegistry(defaults.contacts.groups, defaults.contacts.defs),
      deals: new PropertyRegistry(defaults.deals.groups, defaults.deals.defs),
      companies: new PropertyRegistry(defaults.companies.groups, defaults.companies.defs),
    };
    this.domain = `portal-${id}.sandbox.test`;
    this.user = { id: 1_000_000 + (id % 1_000_000), email: `admin@portal-${id}.sandbox.test` };
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Normalises a set of values; any problem fails the whole write (HubSpot's batch behaviour). */
  validate(type: ObjectTypeName, props: Record<string, string>, internal = false): { values: Record<string, string>; problems: WriteProblem[] } {
    const values: Record<string, string> = {};
    const problems: WriteProblem[] = [];
    for (const [name, raw] of Object.entries(props)) {
      const r = this.properties[type].normalize(name, raw, internal);
      if (r.ok) values[name] = r.value; else problems.push(r.problem);
    }
    return { values, problems };
  }

  /** Creates a record from already validated values and reports its creation. */
  create(type: ObjectTypeName, values: Record<string, string>, source: WriteSource, opts: WriteOptions = {}): CrmRecord {
    const at = opts.at ?? this.clock.now();
    const record = this.objects[type].create(at);
    for (const [name, value] of Object.entries(values)) this.objects[type].set(record, name, { value, timestamp: at, ...source });
    this.emit({ objectType: type, objectId: record.id, kind: 'creation', occurredAt: at, source });
    return record;
  }

  /** Applies validated values; returns the names that actually changed (each reported as a propertyChange). */
  update(type: ObjectTypeName, record: CrmRecord, values: Record<string, string>, source: WriteSource, opts: WriteOptions = {}): string[] {
    const at = opts.at ?? this.clock.now();
    const changed: string[] = [];
    for (const [name, value] of Object.entries(values)) {
      if (!this.objects[type].set(record, name, { value, timestamp: at, ...source })) continue;
      changed.push(name);
      this.emit({ objectType: type, objectId: record.id, kind: 'propertyChange', occurredAt: at, source, propertyName: name, propertyValue: this.webhookValue(type, name, value) });
    }
    return changed;
  }

  /** Adds a record with ready-made histories, reporting nothing (seeding happens before any app listens). */
  seedRecord(type: ObjectTypeName, createdAt: number, histories: Record<string, HistoryEntry[]>): CrmRecord {
    const record = this.objects[type].create(createdAt);
    for (const [name, entries] of Object.entries(histories)) this.objects[type].setHistory(record, name, entries);
    return record;
  }

  archive(type: ObjectTypeName, id: string, source: WriteSource, kind: 'deletion' | 'privacyDeletion' = 'deletion'): boolean {
    if (!this.objects[type].archive(id)) return false;
    this.emit({ objectType: type, objectId: id, kind, occurredAt: this.clock.now(), source });
    return true;
  }

  /**
   * Merges `mergedId` into `primaryId` (HubSpot's contact merge): the primary keeps its values and takes the
   * merged record's where it has none; the merged record is archived; one merge event is reported.
   */
  merge(type: ObjectTypeName, primaryId: string, mergedId: string, source: WriteSource): CrmRecord | undefined {
    const primary = this.objects[type].get(primaryId);
    const merged = this.objects[type].get(mergedId);
    if (!primary || !merged || primary === merged) return undefined;
    const at = this.clock.now();
    for (const [name, entries] of merged.history) {
      if (!primary.history.get(name)?.[0]?.value && entries[0]?.value) this.objects[type].set(primary, name, { ...entries[0], timestamp: at });
    }
    this.objects[type].archive(mergedId);
    this.emit({ objectType: type, objectId: primaryId, kind: 'merge', occurredAt: at, source, primaryObjectId: primaryId, mergedObjectIds: [mergedId] });
    return primary;
  }

  /** The current value, including the system properties HubSpot derives from the record itself. */
  value(type: ObjectTypeName, record: CrmRecord, name: string): string | null {
    if (name === 'hs_object_id') return record.id;
    if (name === 'createdate') return new Date(record.createdAt).toISOString();
    if (name === MODIFIED[type]) return new Date(record.updatedAt).toISOString();
    // HubSpot calculates the email domain from the email.
    if (name === 'hs_email_domain' && type === 'contacts') return record.history.get('email')?.[0]?.value.split('@')[1]?.toLowerCase() || null;
    return record.history.get(name)?.[0]?.value ?? null;
  }

  /** A property's history, newest first (system properties have one entry). */
  historyOf(type: ObjectTypeName, record: CrmRecord, name: string): HistoryEntry[] {
    if (name === 'hs_email_domain' && type === 'contacts') {
      const email = record.history.get('email')?.[0];
      const domain = this.value(type, record, name);
      return email && domain ? [{ ...email, value: domain }] : [];
    }
    const system = name === 'hs_object_id' || name === 'createdate' || name === MODIFIED[type];
    if (system) return [{ value: this.value(type, record, name)!, timestamp: name === MODIFIED[type] ? record.updatedAt : record.createdAt, sourceType: 'CRM_UI' }];
    return record.history.get(name) ?? [];
  }

  /** HubSpot's webhooks carry date and datetime values as epoch milliseconds, unlike its read APIs (ISO 8601). */
  private webhookValue(type: ObjectTypeName, name: string, value: string): string {
    const def = this.properties[type].get(name);
    if (value === '' || (def?.type !== 'datetime' && def?.type !== 'date')) return value;
    return String(Date.parse(value));
  }

  private emit(change: Omit<CrmChange, 'portalId'>): void {
    const full: CrmChange = { portalId: this.id, ...change };
    for (const l of this.listeners) l(full);
  }

  /** The object name HubSpot's legacy webhook subscription types use (`contact.propertyChange`). */
  static webhookObjectName(type: ObjectTypeName): string { return WEBHOOK_OBJECT[type]; }
}
