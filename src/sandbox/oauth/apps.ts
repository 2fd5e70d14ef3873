import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * Apps registered with the sandbox (what a developer account holds: client id/secret, redirect URLs, scopes,
 * webhook target and subscriptions) and which portals each is installed in. Subscriptions use the HubSpot
 * project's webhook component shape (`subscriptionType`, `objectType` for `object.*`, `propertyName`).
 */
export const SubscriptionSchema = z.object({
  subscriptionType: z.string().regex(/^(contact|deal|company|object)\.(creation|deletion|propertyChange|merge|privacyDeletion|restore|associationChange)$/),
  objectType: z.string().optional(),
  propertyName: z.string().optional(),
  active: z.boolean().default(true),
});
export type Subscription = z.output<typeof SubscriptionSchema> & { id: number };

export const WebhookSettingsSchema = z.object({
  targetUrl: z.url(),
  /** HubSpot's `maxConcurrentRequests` for the app's webhook deliveries. */
  maxConcurrentRequests: z.number().int().min(1).default(10),
  subscriptions: z.array(SubscriptionSchema).default([]),
});

export const AppInputSchema = z.object({
  name: z.string().min(1).default('Lead scoring (sandbox)'),
  appId: z.number().int().positive().optional(),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(z.url()).min(1),
  requiredScopes: z.array(z.string().min(1)).default(['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.schemas.contacts.write']),
  optionalScopes: z.array(z.string().min(1)).default(['crm.objects.deals.read']),
  webhooks: WebhookSettingsSchema.optional(),
});
export type AppInput = z.input<typeof AppInputSchema>;

export type RegisteredApp = Omit<z.output<typeof AppInputSchema>, 'appId' | 'clientId' | 'clientSecret' | 'webhooks'> & {
  appId: number; clientId: string; clientSecret: string;
  webhooks?: { targetUrl: string; maxConcurrentRequests: number; subscriptions: Subscription[] };
};

export class AppRegistry {
  private readonly apps = new Map<number, RegisteredApp>();
  private readonly installs = new Map<number, Set<number>>();
  private nextAppId = 4_000_001;
  private nextSubscriptionId = 100_001;

  register(input: AppInput): RegisteredApp {
    const parsed = AppInputSchema.parse(input);
    const appId = parsed.appId ?? this.nextAppId++;
    if (this.apps.has(appId)) throw new Error(`app ${appId} is already registered`);
    const app: RegisteredApp = {
      ...parsed, appId,
      clientId: parsed.clientId ?? randomUUID(),
      clientSecret: parsed.clientSecret ?? randomBytes(24).toString('base64url'),
      webhooks: undefined,
    };
    this.apps.set(appId, app);
    if (parsed.webhooks) this.setWebhooks(appId, parsed.webhooks);
    return app;
  }

  /** Sets or replaces an app's webhook target and subscriptions (e.g. once the app's port is known). */
  setWebhooks(appId: number, settings: z.input<typeof WebhookSettingsSchema>): void {
    const app = this.require(appId);
    const parsed = WebhookSettingsSchema.parse(settings);
    app.webhooks = { ...parsed, subscriptions: parsed.subscriptions.map((s) => ({ ...s, id: this.nextSubscriptionId++ })) };
  }

  byAppId(appId: number): RegisteredApp | undefined { return this.apps.get(appId); }
  byClientId(clientId: string): RegisteredApp | undefined { return [...this.apps.values()].find((a) => a.clientId === clientId); }
  list(): RegisteredApp[] { return [...this.apps.values()]; }

  install(portalId: number, appId: number): void {
    this.require(appId);
    const set = this.installs.get(portalId) ?? new Set<number>();
    set.add(appId);
    this.installs.set(portalId, set);
  }

  uninstall(portalId: number, appId: number): boolean { return this.installs.get(portalId)?.delete(appId) ?? false; }
  isInstalled(portalId: number, appId: number): boolean { return this.installs.get(portalId)?.has(appId) ?? false; }

  installedApps(portalId: number): RegisteredApp[] {
    return [...(this.installs.get(portalId) ?? [])].map((id) => this.apps.get(id)).filter((a): a is RegisteredApp => a !== undefined);
  }

  private require(appId: number): RegisteredApp {
    const app = this.apps.get(appId);
    if (!app) throw new Error(`unknown app ${appId}`);
    return app;
  }
}
