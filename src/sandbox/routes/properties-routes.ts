import { Router, type Response } from 'express';
import { z } from 'zod';
import { portalOf, type SandboxContext } from '../context.js';
import type { PropertyDefinition } from '../crm/property-registry.js';
import { requireScopes } from '../http/auth.js';
import { apiError, validationError } from '../http/hubspot-error.js';
import { objectType, schemaScope } from '../http/params.js';
import { parseBody } from '../http/validate.js';

/** CRM properties v3: definitions and groups, with 409 on duplicates so creation must be idempotent. */
const OptionInput = z.object({
  label: z.string().min(1), value: z.string().min(1), description: z.string().optional(),
  displayOrder: z.number().int().optional(), hidden: z.boolean().default(false),
});
const TYPES = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'] as const;
/** Field types HubSpot accepts for each property type. */
const FIELD_TYPES: Record<(typeof TYPES)[number], string[]> = {
  string: ['text', 'textarea', 'phonenumber', 'html', 'file'], number: ['number', 'calculation_equation'],
  date: ['date'], datetime: ['date'], enumeration: ['select', 'radio', 'checkbox', 'booleancheckbox'], bool: ['booleancheckbox'],
};
const PropertyCreate = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'must start with a lowercase letter and hold only a-z, 0-9 and _'),
  label: z.string().min(1), type: z.enum(TYPES), fieldType: z.string().min(1), groupName: z.string().min(1),
  description: z.string().default(''), options: z.array(OptionInput).default([]), displayOrder: z.number().int().default(-1),
  hasUniqueValue: z.boolean().default(false), hidden: z.boolean().default(false), formField: z.boolean().default(false),
});
const PropertyUpdate = PropertyCreate.omit({ name: true }).partial();
const GroupCreate = z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/), label: z.string().min(1), displayOrder: z.number().int().default(-1) });

function propertyJson(d: PropertyDefinition): Record<string, unknown> {
  return {
    updatedAt: new Date(d.updatedAt).toISOString(), createdAt: new Date(d.createdAt).toISOString(),
    name: d.name, label: d.label, type: d.type, fieldType: d.fieldType, description: d.description, groupName: d.groupName,
    options: d.options, displayOrder: d.displayOrder, calculated: false, externalOptions: false, hasUniqueValue: d.hasUniqueValue,
    hidden: d.hidden, ...(d.hubspotDefined ? { hubspotDefined: true } : {}),
    modificationMetadata: { archivable: !d.hubspotDefined, readOnlyDefinition: d.hubspotDefined, readOnlyValue: d.readOnlyValue },
    formField: d.formField, dataSensitivity: 'non_sensitive',
  };
}

function checkFieldType(type: (typeof TYPES)[number], fieldType: string): void {
  if (!FIELD_TYPES[type].includes(fieldType)) throw validationError(`Property type ${type} does not support field type ${fieldType}`);
}

export function propertiesRoutes(ctx: SandboxContext): Router {
  const r = Router();
  const registry = (res: Response, raw: unknown, access: 'read' | 'write') => {
    const type = objectType(raw);
    requireScopes(res, [schemaScope(type, access)]);
    return portalOf(ctx, res).properties[type];
  };

  r.get('/crm/v3/properties/:objectType/groups', (req, res) => {
    res.json({ results: registry(res, req.params.objectType, 'read').groups().map((g) => ({ ...g, archived: false })) });
  });
  r.get('/crm/v3/properties/:objectType/groups/:groupName', (req, res) => {
    const g = registry(res, req.params.objectType, 'read').group(req.params.groupName);
    if (!g) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find property group ${req.params.groupName}`);
    res.json({ ...g, archived: false });
  });
  r.post('/crm/v3/properties/:objectType/groups', (req, res) => {
    const reg = registry(res, req.params.objectType, 'write');
    const input = parseBody(GroupCreate, req.body);
    if (!reg.addGroup(input)) {
      throw apiError(409, 'OBJECT_ALREADY_EXISTS', `A property group named '${input.name}' already exists.`, { context: { name: [input.name] } });
    }
    res.status(201).json({ ...input, archived: false });
  });

  r.get('/crm/v3/properties/:objectType', (req, res) => {
    res.json({ results: registry(res, req.params.objectType, 'read').list().map(propertyJson) });
  });
  r.get('/crm/v3/properties/:objectType/:propertyName', (req, res) => {
    const d = registry(res, req.params.objectType, 'read').get(req.params.propertyName);
    if (!d) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find property with name ${req.params.propertyName}`);
    res.json(propertyJson(d));
  });
  r.post('/crm/v3/properties/:objectType', (req, res) => {
    const reg = registry(res, req.params.objectType, 'write');
    const input = parseBody(PropertyCreate, req.body);
    checkFieldType(input.type, input.fieldType);
    if (!reg.group(input.groupName)) throw validationError(`Property group ${input.groupName} does not exist.`);
    const at = ctx.clock.now();
    const def: PropertyDefinition = {
      ...input, hubspotDefined: false, readOnlyValue: false, createdAt: at, updatedAt: at,
      options: input.options.map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i })),
    };
    if (!reg.add(def)) {
      throw apiError(409, 'OBJECT_ALREADY_EXISTS', `Property named '${input.name}' already exists.`, { context: { name: [input.name] } });
    }
    res.status(201).json(propertyJson(def));
  });
  r.patch('/crm/v3/properties/:objectType/:propertyName', (req, res) => {
    const reg = registry(res, req.params.objectType, 'write');
    const current = reg.get(req.params.propertyName);
    if (!current) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find property with name ${req.params.propertyName}`);
    if (current.hubspotDefined) throw validationError(`Property ${current.name} is HubSpot-defined; its definition cannot be changed.`);
    const patch = parseBody(PropertyUpdate, req.body);
    const next: PropertyDefinition = {
      ...current, ...patch, updatedAt: ctx.clock.now(),
      options: patch.options ? patch.options.map((o, i) => ({ ...o, displayOrder: o.displayOrder ?? i })) : current.options,
    };
    checkFieldType(next.type, next.fieldType);
    if (!reg.group(next.groupName)) throw validationError(`Property group ${next.groupName} does not exist.`);
    reg.replace(next);
    res.json(propertyJson(next));
  });
  return r;
}
