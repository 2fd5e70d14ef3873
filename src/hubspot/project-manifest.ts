import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import { workflowActionComponent } from './project-manifest-workflow-action.js';

/**
 * Generates every `*-hsmeta.json` of the HubSpot project (`hubspot-app/`) from the configuration, so each URL
 * HubSpot calls derives from the one public base URL (config.ts `urls`) and the webhook subscriptions from the
 * properties the app reads. Pure: `lead-scoring hubspot-project` writes or checks the files.
 *
 * Shapes follow HubSpot's platform 2026.03 templates (github.com/HubSpot/hubspot-project-components,
 * `2025.2/components/*`, reused by `2026.03/config.json`) and developers.hubspot.com/docs/apps/developer-platform/
 * add-features/{configure-webhooks,custom-workflow-actions}.
 */

export const PROJECT_NAME = 'lead-scoring';
export const PROJECT_SRC_DIR = 'hubspot-app';
export const PLATFORM_VERSION = '2026.03';
/** The base URL the committed files use; operators regenerate with their own origin. */
export const EXAMPLE_BASE_URL = 'https://lead-scoring.example.com';
/** HubSpot caps an app at 1000 webhook subscriptions (PLATFORM.md §1). */
const MAX_SUBSCRIPTIONS = 1000;
/** Webhook batches are acknowledged after one Redis write, so HubSpot may send this many at once. */
const MAX_CONCURRENT_REQUESTS = 10;

export type ManifestConfig = Pick<Config, 'PUBLIC_BASE_URL' | 'urls' | 'HUBSPOT_SCOPES' | 'HUBSPOT_OPTIONAL_SCOPES'>;

export type ManifestInput = {
  config: ManifestConfig;
  /** Contact properties whose changes the app must hear about (see `subscribedProperties`). */
  properties: readonly string[];
  /** Defaults to support@<host of the base URL>. */
  supportEmail?: string;
  /** Whether the workflow action is offered to users once uploaded. */
  workflowActionPublished?: boolean;
};

/** One component file: its path under the project root and its JSON content. */
export type ProjectFile = { path: string; content: unknown };

/** The base URL must be a public HTTPS origin: `permittedUrls.fetch` refuses anything else (PLATFORM.md §1). */
export function assertPublicBaseUrl(baseUrl: string): URL {
  const url = new URL(baseUrl);
  const local = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/.test(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' || local || url.search || url.hash) {
    throw new AppError(
      'PROJECT_BASE_URL_INVALID',
      `PUBLIC_BASE_URL "${baseUrl}" is not a public HTTPS origin. HubSpot calls the app there (webhooks, ` +
        'hubspot.fetch, OAuth redirect): set PUBLIC_BASE_URL or pass --base-url https://your-host.',
    );
  }
  return url;
}

/** Builds every component file; paths are relative to the repository root. */
export function buildProjectManifest(input: ManifestInput): ProjectFile[] {
  const { config } = input;
  assertPublicBaseUrl(config.PUBLIC_BASE_URL);
  // Trimmed exactly as config.ts trims it for `urls`, so every URL starts with this string.
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const properties = checkedProperties(input.properties);
  const at = (file: string) => `${PROJECT_SRC_DIR}/app/${file}`;
  return [
    { path: 'hsproject.json', content: { name: PROJECT_NAME, srcDir: PROJECT_SRC_DIR, platformVersion: PLATFORM_VERSION } },
    { path: at('app-hsmeta.json'), content: appComponent(input, base) },
    { path: at('webhooks/webhooks-hsmeta.json'), content: webhooksComponent(config.urls.webhooks, properties) },
    { path: at('cards/score-card-hsmeta.json'), content: cardComponent() },
    { path: at('settings/settings-hsmeta.json'), content: { uid: 'lead_scoring_settings', type: 'settings', config: { entrypoint: '/app/settings/Settings.tsx' } } },
    { path: at('workflow-actions/score-contact-hsmeta.json'), content: workflowActionComponent(`${config.urls.workflowActions}/score`, input.workflowActionPublished ?? true) },
  ];
}

/** The file text written to disk: stable key order (insertion), two-space indent, final newline. */
export function serializeProjectFile(file: ProjectFile): string {
  return `${JSON.stringify(file.content, null, 2)}\n`;
}

function scopes(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

function appComponent(input: ManifestInput, base: string): unknown {
  const host = new URL(base).hostname;
  return {
    uid: 'lead_scoring_app',
    type: 'app',
    config: {
      name: 'Lead Scoring',
      description:
        'Scores contacts by fit and engagement with decay, keeps the scores current as HubSpot data changes, ' +
        'explains every point on the contact record, and measures accuracy against real conversions.',
      distribution: 'marketplace',
      auth: {
        type: 'oauth',
        redirectUrls: [input.config.urls.oauthCallback],
        requiredScopes: scopes(input.config.HUBSPOT_SCOPES),
        optionalScopes: scopes(input.config.HUBSPOT_OPTIONAL_SCOPES),
        conditionallyRequiredScopes: [],
      },
      // hubspot.fetch from the card and settings page may call only these origins (no localhost).
      permittedUrls: { fetch: [base], iframe: [], img: [] },
      support: {
        supportEmail: input.supportEmail ?? `support@${host}`,
        documentationUrl: `${base}/docs`,
        supportUrl: `${base}/support`,
      },
    },
  };
}

function webhooksComponent(targetUrl: string, properties: string[]): unknown {
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

function cardComponent(): unknown {
  return {
    uid: 'lead_score_card',
    type: 'card',
    config: {
      name: 'Lead score',
      location: 'crm.record.tab',
      entrypoint: '/app/cards/ScoreCard.tsx',
      objectTypes: ['contacts'],
    },
  };
}

function checkedProperties(properties: readonly string[]): string[] {
  const sorted = [...new Set(properties)].sort();
  const bad = sorted.filter((p) => !/^[a-z][a-z0-9_]*$/.test(p));
  if (bad.length) throw new AppError('PROJECT_PROPERTY_INVALID', `Not HubSpot property names: ${bad.join(', ')}`);
  // 4 object-level subscriptions + 1 hub event + one per property.
  if (sorted.length + 5 > MAX_SUBSCRIPTIONS) {
    throw new AppError('PROJECT_TOO_MANY_SUBSCRIPTIONS', `${sorted.length} properties exceed HubSpot's ${MAX_SUBSCRIPTIONS} subscriptions per app`);
  }
  return sorted;
}

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
