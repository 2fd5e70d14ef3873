import { ValidationError } from '../../errors.js';
import { foreignReason } from '../../hubspot/property-ownership.js';
import { OUTPUT_PROPERTY_GROUP, outputPropertyDefinitions, type Model } from '../../scoring/index.js';
import type { ApiContext } from './api-context.js';

/**
 * Refuses (422, by path `propertyPrefix`) a model whose output properties would land on an existing property the
 * app did not create: in another group, of another type, or HubSpot's. HubSpot's default properties are already
 * refused by `parseModel` without reading the portal; this reads the portal's properties (one call) when it has
 * an installation to read them with.
 */
export async function refuseForeignOutputs(ctx: ApiContext, portalId: number, model: Model): Promise<void> {
  const inst = await ctx.gateway.installations.get(portalId);
  if (inst?.status !== 'active') return;
  const existing = await ctx.gateway.forPortal(portalId).contactProperties();
  const issues = outputPropertyDefinitions(model).flatMap((d) => {
    const found = existing.get(d.name);
    const why = found ? foreignReason(found, { groupName: OUTPUT_PROPERTY_GROUP.name, type: d.type }) : null;
    return why ? [{ path: 'propertyPrefix', message: `"${d.name}" already exists in this HubSpot account and the app did not create it (${why}): choose another prefix` }] : [];
  });
  if (issues.length) throw new ValidationError(issues);
}
