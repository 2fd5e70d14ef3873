import type { PropertyCreate, PropertyUpdate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { ValidationError } from '../errors.js';
import type { CallHubSpot } from './call-hubspot.js';
import { ForeignPropertyError, HubSpotBadResponseError } from './errors.js';
import { foreignReason, OwnedPropertySchema } from './property-ownership.js';
import {
  ExistingPropertySchema,
  PropertyGroupSpecSchema,
  PropertySpecSchema,
  type PropertyGroupSpec,
  type PropertyOption,
  type PropertySpec,
} from './schemas.js';

/** What `ensureScoreProperties` did, property by property. */
export interface BootstrapReport {
  groupCreated: boolean;
  created: string[];
  /** Existing enumerations whose options were brought up to date. */
  updated: string[];
  unchanged: string[];
}

/** Resolves to 'exists' when HubSpot answers 409 (already there), which is success for an idempotent create. */
const conflictIsFine = (p: Promise<unknown>): Promise<'created' | 'exists'> =>
  p.then(
    () => 'created' as const,
    (err: unknown) => ((err as { code?: unknown })?.code === 409 ? 'exists' : Promise.reject(err)),
  );

/**
 * The options an existing enumeration should have: the wanted ones, in order, then any old option the model no
 * longer uses, kept but hidden, so contacts (and history) that hold an old value stay valid.
 */
export function mergeOptions(existing: PropertyOption[], wanted: PropertyOption[]): PropertyOption[] {
  const wantedValues = new Set(wanted.map((o) => o.value));
  const merged = wanted.map((o, i) => ({ label: o.label, value: o.value, displayOrder: o.displayOrder ?? i, hidden: o.hidden ?? false }));
  for (const o of existing) {
    if (!wantedValues.has(o.value)) merged.push({ label: o.label, value: o.value, displayOrder: merged.length, hidden: true });
  }
  return merged;
}

const sameOptions = (a: PropertyOption[], b: PropertyOption[]) =>
  a.length === b.length &&
  a.every((o, i) => o.value === b[i]!.value && o.label === b[i]!.label && (o.hidden ?? false) === (b[i]!.hidden ?? false));

function parseSpecs(group: unknown, specs: unknown[]): { group: PropertyGroupSpec; specs: PropertySpec[] } {
  const g = PropertyGroupSpecSchema.safeParse(group);
  const issues = g.success ? [] : g.error.issues.map((i) => ({ path: `group.${i.path.join('.')}`, message: i.message }));
  const parsed = specs.map((s, n) => {
    const r = PropertySpecSchema.safeParse(s);
    if (!r.success) issues.push(...r.error.issues.map((i) => ({ path: `properties[${n}].${i.path.join('.')}`, message: i.message })));
    return r.data;
  });
  if (issues.length || !g.success) throw new ValidationError(issues);
  return { group: g.data, specs: parsed as PropertySpec[] };
}

/**
 * Creates the app's property group and output properties on a portal. Idempotent: a 409 (already exists) is
 * fine when the existing property is the app's own (its group and type, not HubSpot's); any other is refused
 * with a ForeignPropertyError and never adopted. For an existing enumeration whose options differ (e.g. new grade
 * bands or stage labels), the options are updated. Costs 1 + N calls on a fresh portal, plus one read per
 * existing property afterwards.
 */
export async function ensureScoreProperties(
  call: CallHubSpot,
  portalId: number,
  groupSpec: PropertyGroupSpec,
  propertySpecs: PropertySpec[],
): Promise<BootstrapReport> {
  const { group, specs } = parseSpecs(groupSpec, propertySpecs);
  const report: BootstrapReport = { groupCreated: false, created: [], updated: [], unchanged: [] };
  const g = await call(portalId, 'properties.createGroup', 'default', (c, o) =>
    conflictIsFine(c.crm.properties.groupsApi.create('contacts', group, o)),
  );
  report.groupCreated = g === 'created';
  for (const spec of specs) {
    const r = await call(portalId, 'properties.create', 'default', (c, o) =>
      conflictIsFine(c.crm.properties.coreApi.create('contacts', spec as unknown as PropertyCreate, o)),
    );
    if (r === 'created') {
      report.created.push(spec.name);
      continue;
    }
    // It exists: adopt it only if it is the app's own (its group, its type, not HubSpot's).
    const raw = await call(portalId, 'properties.get', 'default', (c, o) =>
      c.crm.properties.coreApi.getByName('contacts', spec.name, false, undefined, o),
    );
    const owned = OwnedPropertySchema.safeParse(raw);
    const existing = ExistingPropertySchema.safeParse(raw);
    if (!owned.success || !existing.success) throw new HubSpotBadResponseError(`properties.get ${spec.name}: unexpected response`, { portalId });
    const foreign = foreignReason(owned.data, spec);
    if (foreign) throw new ForeignPropertyError(spec.name, foreign, { portalId, operation: 'properties.create' });
    if (spec.type !== 'enumeration' || !spec.options) {
      report.unchanged.push(spec.name);
      continue;
    }
    const options = mergeOptions(existing.data.options, spec.options);
    if (sameOptions(existing.data.options, options)) {
      report.unchanged.push(spec.name);
      continue;
    }
    await call(portalId, 'properties.update', 'default', (c, o) =>
      c.crm.properties.coreApi.update('contacts', spec.name, { options } as unknown as PropertyUpdate, o),
    );
    report.updated.push(spec.name);
  }
  return report;
}
