/**
 * One object type's property definitions and groups, with HubSpot's write rules: unknown and read-only
 * properties are refused, enumeration values must be options, numbers and dates are normalised the way HubSpot
 * stores them, and an empty string clears a value.
 */
export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
export type PropertyOption = { label: string; value: string; description?: string; displayOrder: number; hidden: boolean };
export type PropertyDefinition = {
  name: string; label: string; type: PropertyType; fieldType: string; groupName: string; description: string;
  options: PropertyOption[]; displayOrder: number; hubspotDefined: boolean; readOnlyValue: boolean;
  hidden: boolean; formField: boolean; hasUniqueValue: boolean; createdAt: number; updatedAt: number;
};
export type PropertyGroup = { name: string; label: string; displayOrder: number };

/** Why a value was refused; the `error` codes are the ones HubSpot puts in its "Property values were not valid" list. */
export type WriteProblem = { name: string; error: string; message: string };
export type WriteResult = { ok: true; value: string } | { ok: false; problem: WriteProblem };

export class PropertyRegistry {
  private readonly defs = new Map<string, PropertyDefinition>();
  private readonly groupMap = new Map<string, PropertyGroup>();

  constructor(groups: PropertyGroup[], defs: PropertyDefinition[]) {
    for (const g of groups) this.groupMap.set(g.name, g);
    for (const d of defs) this.defs.set(d.name, d);
  }

  get(name: string): PropertyDefinition | undefined { return this.defs.get(name); }
  list(): PropertyDefinition[] { return [...this.defs.values()]; }
  group(name: string): PropertyGroup | undefined { return this.groupMap.get(name); }
  groups(): PropertyGroup[] { return [...this.groupMap.values()]; }
  has(name: string): boolean { return this.defs.has(name); }

  /** Adds a definition; returns false when the name is taken (the route answers 409). */
  add(def: PropertyDefinition): boolean {
    if (this.defs.has(def.name)) return false;
    this.defs.set(def.name, def);
    return true;
  }

  replace(def: PropertyDefinition): void { this.defs.set(def.name, def); }

  addGroup(group: PropertyGroup): boolean {
    if (this.groupMap.has(group.name)) return false;
    this.groupMap.set(group.name, group);
    return true;
  }

  /**
   * Validates and normalises one value for storage. `internal` writes (seeding, the simulator, the admin API
   * standing in for HubSpot's own tools) may set read-only properties, as HubSpot's own features do.
   */
  normalize(name: string, raw: string, internal = false): WriteResult {
    const def = this.defs.get(name);
    if (!def) return fail(name, 'PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`);
    if (def.readOnlyValue && !internal) {
      return fail(name, 'READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`);
    }
    if (raw === '') return { ok: true, value: '' };
    return normalizeValue(def, raw);
  }
}

function fail(name: string, error: string, message: string): WriteResult {
  return { ok: false, problem: { name, error, message } };
}

function normalizeValue(def: PropertyDefinition, raw: string): WriteResult {
  switch (def.type) {
    case 'number': {
      const n = Number(raw.trim());
      return Number.isFinite(n) && raw.trim() !== '' ? { ok: true, value: String(n) }
        : fail(def.name, 'INVALID_FLOAT', `${JSON.stringify(raw)} is not a valid number.`);
    }
    case 'bool': {
      const v = raw.trim().toLowerCase();
      return v === 'true' || v === 'false' ? { ok: true, value: v }
        : fail(def.name, 'INVALID_BOOLEAN', `${JSON.stringify(raw)} is not a valid boolean; use true or false.`);
    }
    case 'datetime':
    case 'date': {
      const ms = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Date.parse(raw);
      if (!Number.isFinite(ms)) return fail(def.name, 'INVALID_DATE', `${JSON.stringify(raw)} is not a valid date.`);
      const iso = new Date(ms).toISOString();
      return { ok: true, value: def.type === 'date' ? iso.slice(0, 10) : iso };
    }
    case 'enumeration': {
      // Multi-select (checkbox) values are `a;b;c`: each item must be an option.
      const items = def.fieldType === 'checkbox' ? raw.split(';') : [raw];
      const allowed = new Set(def.options.map((o) => o.value));
      const bad = items.find((i) => !allowed.has(i));
      return bad === undefined ? { ok: true, value: raw }
        : fail(def.name, 'INVALID_OPTION', `${bad} was not one of the allowed options: [${[...allowed].join(', ')}]`);
    }
    default:
      return { ok: true, value: raw };
  }
}
