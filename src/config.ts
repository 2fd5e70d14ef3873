import { z } from 'zod';

/**
 * The one place that reads the environment (STYLE.md §5). `loadConfig` validates every variable with zod and
 * either returns a frozen object or throws a {@link ConfigError} that lists every problem at once, so an operator
 * fixes them in one go rather than one restart per mistake.
 */

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const url = z.url({ protocol: /^https?$/ });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Port the web process listens on. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * Interface the web process binds to. Default: every interface with real credentials (behind your proxy), and
     * only 127.0.0.1 in sandbox mode, whose preview signs requests with the publicly known demo secret.
     */
    HOST: z.string().min(1).optional(),
    /** The public HTTPS origin HubSpot calls (webhooks, hubspot.fetch, OAuth redirect). Every URL derives from it. */
    PUBLIC_BASE_URL: url.default('http://localhost:3000'),
    /** Trust X-Forwarded-* headers when rebuilding the URL a signature covers (set behind a proxy). */
    TRUST_PROXY: bool.default(false),
    /**
     * Local development with `hs project dev`: the origin its local.json proxy maps PUBLIC_BASE_URL to (e.g.
     * http://localhost:3000). That proxy signs the mapped local URL, so the `/api` guard also accepts signatures
     * over this base, outside production only (ignored with NODE_ENV=production). See docs/hubspot-project.md.
     */
    LOCAL_DEV_BASE_URL: url.optional(),

    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
    /**
     * Redis Cluster startup nodes, `host:port,host:port,…` (a few masters are enough: the client discovers the
     * rest). When set, the app and BullMQ connect to the cluster instead of REDIS_URL (leave that unset).
     */
    REDIS_CLUSTER_NODES: z
      .string()
      .regex(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, 'must be host:port,host:port,…')
      .transform((v) => v.split(',').map((n) => ({ host: n.slice(0, n.lastIndexOf(':')), port: Number(n.slice(n.lastIndexOf(':') + 1)) })))
      .optional(),
    /** Prefix of every key the app writes (hash-tagged per portal inside). */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('ls'),

    HUBSPOT_CLIENT_ID: z.string().min(1).optional(),
    HUBSPOT_CLIENT_SECRET: z.string().min(1).optional(),
    HUBSPOT_APP_ID: z.string().regex(/^\d+$/).optional(),
    /** Base of HubSpot's API (the sandbox stands in locally). */
    HUBSPOT_API_BASE_URL: url.default('https://api.hubapi.com'),
    /** Base of HubSpot's web app, for the OAuth authorize page. */
    HUBSPOT_APP_BASE_URL: url.default('https://app.hubspot.com'),
    /**
     * Token endpoint path on HUBSPOT_API_BASE_URL. v1 is deprecated on 2027-02-16; v3 takes every parameter in a
     * form-encoded body. `/oauth/2026-03/token` is the date-versioned successor (PLATFORM.md §5).
     */
    HUBSPOT_OAUTH_TOKEN_PATH: z.string().regex(/^\/[A-Za-z0-9/._-]*$/).default('/oauth/v3/token'),
    /** Token introspection path, used only when a token response lacks `hub_id`. */
    HUBSPOT_OAUTH_INTROSPECT_PATH: z.string().regex(/^\/[A-Za-z0-9/._-]*$/).default('/oauth/v3/token/introspect'),
    /** Longest wait for one HubSpot HTTP call before it counts as a (retryable) timeout. */
    HUBSPOT_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    HUBSPOT_SCOPES: z
      .string()
      .default('oauth crm.objects.contacts.read crm.objects.contacts.write crm.schemas.contacts.write'),
    HUBSPOT_OPTIONAL_SCOPES: z.string().default('crm.objects.deals.read'),
    /** 32 bytes, base64: encrypts tokens at rest (AES-256-GCM). Required with real HubSpot credentials. */
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64')
      .optional(),

    /** Share of HubSpot's 110 requests / 10 s this app allows itself per portal (headroom for other apps). */
    HUBSPOT_BUDGET_SHARE: z.coerce.number().gt(0).max(1).default(0.9),
    HUBSPOT_RATE_LIMIT_PER_10S: z.coerce.number().int().positive().default(110),
    /** HubSpot's CRM search limit per account per second; the app spaces its searches by 1 s / (share × this). */
    HUBSPOT_SEARCH_LIMIT_PER_S: z.coerce.number().int().positive().default(5),
    /** Max age of a signed request's timestamp. */
    SIGNATURE_MAX_AGE_MS: z.coerce.number().int().positive().default(300_000),

    /** How long a portal's dirty contacts wait for more events before a batch is scored. */
    SETTLE_WINDOW_MS: z.coerce.number().int().min(0).default(2_000),
    WORKER_CONCURRENCY: z.coerce.number().int().positive().default(4),
    /**
     * Job slots per worker process kept for fresh work (score, sweep, analysis jobs), on top of WORKER_CONCURRENCY:
     * a backfill or rescore never takes them, so a webhook's score job never waits for bulk work that sleeps on its
     * portal's HubSpot budget. 0 leaves only the page-boundary hand-over (docs/scaling.md "Fair across portals").
     */
    WORKER_FRESH_SLOTS: z.coerce.number().int().min(0).max(16).default(1),
    /**
     * How long a worker holds the contacts it claimed before another may take them over (a worker killed mid-batch
     * loses them for at most this long). Must exceed the slowest batch (read + write + budget waits).
     */
    WORKER_LEASE_MS: z.coerce.number().int().positive().default(120_000),
    /**
     * Installed portals the sweep re-checks from their own keys per run, besides those the active-portal index says
     * are due (it finds an index entry lost in a failover): every portal is re-checked once per
     * installed / SWEEP_AUDIT_COUNT sweeps (a sweep a minute).
     */
    SWEEP_AUDIT_COUNT: z.coerce.number().int().min(1).max(10_000).default(50),
    /** BullMQ lock duration: a job whose worker stopped renewing it for this long is retried elsewhere. */
    WORKER_LOCK_MS: z.coerce.number().int().positive().default(30_000),
    /** Threads the web process evaluates model tests and previews on, and the time budget of one such task. */
    EVALUATION_THREADS: z.coerce.number().int().min(1).max(16).default(2),
    EVALUATION_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** Bounds of each contact's signal ledger and score history. */
    LEDGER_MAX_EVENTS: z.coerce.number().int().positive().default(200),
    LEDGER_MAX_AGE_DAYS: z.coerce.number().int().positive().default(365),
    HISTORY_MAX_ENTRIES: z.coerce.number().int().positive().default(50),
    /**
     * Days the data of an uninstalled portal is kept before every key of it is erased. A re-install within them
     * finds its models as they were; 0 erases at the next sweep.
     */
    UNINSTALL_GRACE_DAYS: z.coerce.number().min(0).max(3650).default(30),

    /** Local HubSpot stand-in (used when no HubSpot credentials are set). */
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3900),
    /**
     * Contacts the demo (`npm start` without HubSpot credentials) seeds its sandbox portal with: by default every
     * row of the lead dataset, which the backfill scores in well under a minute at HubSpot's real rate limit.
     */
    DEMO_CONTACTS: z.coerce.number().int().min(1).max(200_000).default(9_237),
    /** Key prefix of the demo's state: the demo wipes exactly this prefix when it starts, nothing else. */
    DEMO_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]{1,40}$/).default('ls-demo'),

    /**
     * Longest a SIGTERM drain may take: the web finishes in-flight requests, workers finish their current batch;
     * what is still running then is handed back (claimed contacts released, jobs returned to the queue).
     * Keep it under your orchestrator's kill timeout (Kubernetes: terminationGracePeriodSeconds, 30 s).
     */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(25_000),
    /**
     * Port of a small operations server (`/healthz`, `/readyz`, `/metrics`) in any process; unset: none. Worker
     * processes have no other HTTP port, so set it for them to be scraped. The web role also serves these on PORT.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface the operations server binds to. */
    METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  });

/**
 * NODE_ENV=production fails closed: no sandbox fallback (the demo's public secret, the fixed encryption key), no
 * Redis started on the side. Every missing or unsafe variable is listed, together with the schema's problems.
 */
function productionProblems(env: Record<string, string>): string[] {
  const required = ['HUBSPOT_CLIENT_ID', 'HUBSPOT_CLIENT_SECRET', 'TOKEN_ENCRYPTION_KEY', 'PUBLIC_BASE_URL'];
  const problems = required.filter((name) => !env[name]).map((name) => `${name}: required when NODE_ENV=production`);
  // A Redis Cluster is configured by its node list instead of one URL.
  if (!env.REDIS_URL && !env.REDIS_CLUSTER_NODES) {
    problems.push('REDIS_URL: required when NODE_ENV=production (a Redis with AOF persistence; no Redis is started for you)');
  }
  if (env.PUBLIC_BASE_URL && !/^https:\/\//i.test(env.PUBLIC_BASE_URL)) {
    problems.push('PUBLIC_BASE_URL: must be an https:// URL when NODE_ENV=production (HubSpot calls it)');
  }
  return problems;
}

/** Checks that span variables; run on the raw values so they are reported together with per-variable errors. */
function crossFieldProblems(env: Record<string, string>): string[] {
  const problems: string[] = [];
  if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) problems.push('REDIS_CLUSTER_NODES: set REDIS_URL or REDIS_CLUSTER_NODES, not both');
  const id = env.HUBSPOT_CLIENT_ID;
  const secret = env.HUBSPOT_CLIENT_SECRET;
  if (Boolean(id) !== Boolean(secret)) {
    problems.push(
      `${id ? 'HUBSPOT_CLIENT_SECRET' : 'HUBSPOT_CLIENT_ID'}: set both HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET, or neither (sandbox mode)`,
    );
  }
  if (id && secret && !env.TOKEN_ENCRYPTION_KEY) {
    problems.push('TOKEN_ENCRYPTION_KEY: required with real HubSpot credentials; generate one with `openssl rand -base64 32`');
  }
  return problems;
}

type Env = z.infer<typeof EnvSchema>;

export type Config = Readonly<
  Env & {
    /** True when no HubSpot credentials are configured: the app runs against the local sandbox. */
    sandboxMode: boolean;
    /** Requests per 10 s per portal this app allows itself (share × HubSpot's limit, rounded down). */
    budgetPer10s: number;
    /**
     * Search requests per second per portal this app allows itself: share × HubSpot's 5/s, NOT rounded (4.5 at
     * the defaults). The limiter spaces searches 1 s / this apart, so no second ever holds more than HubSpot's 5.
     */
    searchBudgetPerS: number;
    /** Derived public URLs: one base, every endpoint HubSpot calls. */
    urls: Readonly<{ webhooks: string; oauthCallback: string; api: string; workflowActions: string }>;
  }
>;

/** Thrown when the environment is invalid; `problems` holds one line per bad variable. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A fixed key used only in sandbox mode, where there are no real tokens to protect; real installs must set
 * TOKEN_ENCRYPTION_KEY (enforced above).
 */
const SANDBOX_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/**
 * The environment with some variables set by the program itself (the demo points the app at its local sandbox),
 * validated exactly like {@link loadConfig}: the overrides win over the environment.
 */
export function loadConfigWith(overrides: Record<string, string>, env: Record<string, string | undefined> = process.env): Config {
  return loadConfig({ ...env, ...overrides });
}

/** Reads and validates the environment. Pass `env` explicitly in tests. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset" (common in .env files and CI matrices).
  const cleaned = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)),
    ...(cleaned.NODE_ENV === 'production' ? productionProblems(cleaned) : crossFieldProblems(cleaned)),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const sandboxMode = !e.HUBSPOT_CLIENT_ID;
  const base = e.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return Object.freeze({
    ...e,
    TOKEN_ENCRYPTION_KEY: e.TOKEN_ENCRYPTION_KEY ?? SANDBOX_ENCRYPTION_KEY,
    sandboxMode,
    budgetPer10s: Math.max(1, Math.floor(e.HUBSPOT_RATE_LIMIT_PER_10S * e.HUBSPOT_BUDGET_SHARE)),
    searchBudgetPerS: e.HUBSPOT_SEARCH_LIMIT_PER_S * e.HUBSPOT_BUDGET_SHARE,
    urls: Object.freeze({
      webhooks: `${base}/webhooks/hubspot`,
      oauthCallback: `${base}/oauth/callback`,
      api: `${base}/api`,
      workflowActions: `${base}/workflow-actions`,
    }),
  });
}
