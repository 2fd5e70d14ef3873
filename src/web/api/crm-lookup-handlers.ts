import { PropertyListSchema, type CrmProperty, type PropertyList } from '../../contract/index.js';
import type { PropertyDefinition } from '../../hubspot/properties-api.js';
import type { WarningContext } from '../../scoring/index.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import type { ApiHandlers } from './endpoint-route.js';

/** How long a portal's property definitions are reused before HubSpot is asked again (the page can force it). */
export const PROPERTY_CACHE_TTL_S = 600;
/** Matches listed for "Test on a contact": enough to pick from, one search call. */
const SEARCH_LIMIT = 10;

/** HubSpot's definition as the picker needs it: hidden options dropped, options in display order. */
export function toCrmProperty(d: PropertyDefinition): CrmProperty {
  const options = d.options
    .filter((o) => !o.hidden)
    .sort((a, b) => (a.displayOrder ?? 0) - (b.displayOrder ?? 0))
    .map((o) => ({ label: o.label || o.value, value: o.value }));
  return { name: d.name, label: d.label || d.name, type: d.type, fieldType: d.fieldType, groupName: d.groupName, hubspotDefined: d.hubspotDefined ?? false, options };
}

/**
 * What the validator may know of the portal for its warnings (a rule on a property the portal lacks, or a numeric
 * operator on a text property): the cached definitions when the editor has loaded them, else nothing. Never a
 * HubSpot call: warnings are advice, and a save must not spend the portal's budget.
 */
export async function knownProperties(ctx: ApiContext, portalId: number): Promise<WarningContext> {
  const list = await cachedPropertyList(ctx, portalId);
  return list ? { properties: list.properties.map((p) => ({ name: p.name, type: p.type })) } : {};
}

/** The portal's cached property list, or null when none is cached (or the cached text no longer parses). */
async function cachedPropertyList(ctx: ApiContext, portalId: number): Promise<PropertyList | null> {
  const cached = await ctx.redis.get(ctx.keys.portal(portalId).crmProperties);
  if (!cached) return null;
  try {
    const parsed = PropertyListSchema.safeParse(JSON.parse(cached));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "Priya Sharma", else the email, else "Contact 123": how a match reads in the list. */
function displayName(id: string, p: Record<string, string | null>): string {
  const name = [p.firstname, p.lastname].filter((x) => x && x.trim()).join(' ').trim();
  return name || p.email || `Contact ${id}`;
}

/**
 * The editor's CRM look-ups. Property definitions are cached per portal in Redis with a TTL (the list changes
 * rarely and costs a call of the portal's budget); `refresh=1` reads them again. Contact search uses HubSpot's
 * CRM search (its own 5/s budget, applied by the gateway's limiter) with the typed words as `query`.
 */
export function crmLookupHandlers(ctx: ApiContext): Pick<ApiHandlers, 'listProperties' | 'searchContacts'> {
  return {
    listProperties: async ({ portalId, query }) => {
      const cached = query.refresh === '1' ? null : await cachedPropertyList(ctx, portalId);
      if (cached) return cached;
      await requireInstalled(ctx, portalId);
      const defs = await ctx.gateway.forPortal(portalId).listContactProperties();
      const list = {
        properties: defs.filter((d) => !d.hidden).map(toCrmProperty).sort((a, b) => a.label.localeCompare(b.label)),
        fetchedAt: new Date(ctx.clock()).toISOString(),
      };
      await ctx.redis.set(ctx.keys.portal(portalId).crmProperties, JSON.stringify(list), 'EX', PROPERTY_CACHE_TTL_S);
      return list;
    },

    searchContacts: async ({ portalId, query }) => {
      await requireInstalled(ctx, portalId);
      const found = await ctx.gateway.forPortal(portalId).searchContacts({
        query: query.q, properties: ['firstname', 'lastname', 'email'], limit: SEARCH_LIMIT,
      });
      return {
        contacts: found.results.map((c) => ({ id: c.id, name: displayName(c.id, c.properties), email: c.properties.email ?? null })),
        total: found.total,
      };
    },
  };
}
