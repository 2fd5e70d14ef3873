import { AppError } from '../errors.js';

/**
 * The webhooks component of the HubSpot project: which contact events and property changes HubSpot sends to the
 * app, within HubSpot's limits. Shape: developers.hubspot.com/docs/apps/developer-platform/add-features/
 * configure-webhooks.
 */

/** HubSpot caps an app at 1000 webhook subscriptions (PLATFORM.md §1). */
const MAX_SUBSCRIPTIONS = 1000;
/** Webhook batches are acknowledged after one Redis write, so HubSpot may send this many at once. */
const MAX_CONCURRENT_REQUESTS = 10;

/**
 * The properties to subscribe to: what the sync watches plus what the model reads, never the app's own
 * output properties (writing them would echo back as webhooks: PLATFORM.md §4). Sorted, unique.
 */
export function subscribedProperties(input: {
  signalProperties: readonly string[];
  modelProperties: readonly string[];
  outputProperties: readonly string[];
  outputPrefix: string;
}): string[] {
  const outputs = new Set(input.outputProperties);
  const isOutput = (p: string) => outputs.has(p) || p === input.outputPrefix || p.startsWith(`${input.outputPrefix}_`);
  return [...new Set([...input.signalProperties, ...input.modelProperties])].filter((p) => !isOutput(p)).sort();
}

/** The properties as subscriptions need them: valid HubSpot names, unique, sorted, within the app's cap. */
export function checkedProperties(properties: readonly string[]): string[] {
  const sorted = [...new Set(properties)].sort();
  const bad = sorted.filter((p) => !/^[a-z][a-z0-9_]*$/.test(p));
  if (bad.length) throw new AppError('PROJECT_PROPERTY_INVALID', `Not HubSpot property names: ${bad.join(', ')}`);
  // 4 object-level subscriptions + 1 hub event + one per property.
  if (sorted.length + 5 > MAX_SUBSCRIPTIONS) {
    throw new AppError('PROJECT_TOO_MANY_SUBSCRIPTIONS', `${sorted.length} properties exceed HubSpot's ${MAX_SUBSCRIPTIONS} subscriptions per app`);
  }
  return sorted;
}

/** The webhooks component for `targetUrl`: the contact lifecycle events, one change subscription per property. */
export function webhooksComponent(targetUrl: string, properties: string[]): unknown {
  const contact = (subscriptionType: string, propertyName?: string) => ({
    subscriptionType,
    // Platform quirk: hsmeta uses `objectType`; the legacy webhooks.json used `objectName` for the same field
    // (developers.hubspot.com/docs/apps/developer-platform/add-features/configure-webhooks).
    objectType: 'contact',
    ...(propertyName ? { propertyName } : {}),
    active: true,
  });
  return {
    uid: 'lead_scoring_webhooks',
    type: 'webhooks',
    config: {
      settings: { targetUrl, maxConcurrentRequests: MAX_CONCURRENT_REQUESTS },
      subscriptions: {
        crmObjects: [
          contact('object.creation'),
          contact('object.deletion'),
          contact('object.merge'),
          contact('object.restore'),
          ...properties.map((name) => contact('object.propertyChange', name)),
        ],
        legacyCrmObjects: [],
        // A marketplace listing requires honouring GDPR deletions (PLATFORM.md §1).
        hubEvents: [{ subscriptionType: 'contact.privacyDeletion', active: true }],
      },
    },
  };
}
