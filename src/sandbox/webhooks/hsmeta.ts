import { z } from 'zod';
import { SubscriptionSchema } from '../oauth/apps.js';

/**
 * Reads the `config` of a HubSpot project's webhooks component (`app/webhooks/*-hsmeta.json`) into the
 * sandbox's webhook settings, so the sandbox sends exactly what the app's project subscribes to:
 * `settings.targetUrl`/`maxConcurrentRequests` and the `crmObjects`, `legacyCrmObjects` and `hubEvents` lists.
 */
const HsMetaWebhooks = z.object({
  settings: z.object({ targetUrl: z.string(), maxConcurrentRequests: z.number().int().min(1).default(10) }),
  subscriptions: z.object({
    crmObjects: z.array(SubscriptionSchema).default([]),
    legacyCrmObjects: z.array(SubscriptionSchema).default([]),
    hubEvents: z.array(SubscriptionSchema).default([]),
  }),
});

/** `targetUrl` may be overridden (the project names the production URL; locally the app listens elsewhere). */
export function webhooksFromHsMeta(config: unknown, targetUrl?: string) {
  const c = HsMetaWebhooks.parse(config);
  return {
    targetUrl: targetUrl ?? c.settings.targetUrl,
    maxConcurrentRequests: c.settings.maxConcurrentRequests,
    subscriptions: [...c.subscriptions.crmObjects, ...c.subscriptions.legacyCrmObjects, ...c.subscriptions.hubEvents],
  };
}
