import { z } from 'zod';
import { AppInputSchema } from './oauth/apps.js';

/**
 * Everything a sandbox can be started with; every field has a default, so `startSandbox()` alone gives one
 * portal of 200 seeded contacts on a free port with HubSpot's real limits.
 */
export const DEFAULT_PORTAL_ID = 20_000_001;

/**
 * The demo app's credentials: the placeholders the app itself uses when no HubSpot credentials are configured
 * (src/hubspot/token-endpoint.ts), so sandbox mode needs no configuration. Local only; never a real secret.
 */
export const DEMO_APP_CREDENTIALS = { clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' } as const;

const Limit = (max: number, intervalMs: number) =>
  z.object({ max: z.number().int().positive(), intervalMs: z.number().int().positive() }).default({ max, intervalMs });

export const SandboxOptionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default('127.0.0.1'),
  portals: z.array(z.object({
    id: z.number().int().positive(),
    contacts: z.number().int().min(0).max(200_000).default(200),
    seed: z.string().default('sandbox'),
  })).min(1).default([{ id: DEFAULT_PORTAL_ID, contacts: 200, seed: 'sandbox' }]),
  /** Path of the lead dataset (default: data/leads-x-education.csv in the repository). */
  csvPath: z.string().optional(),
  /** HubSpot: 110 requests per rolling 10 s per installed account. */
  rateLimit: Limit(110, 10_000),
  /** HubSpot: 5 search requests per second per account. */
  searchRateLimit: Limit(5, 1_000),
  accessTokenTtlS: z.number().int().positive().default(1800),
  /**
   * Batch-read inputs allowed with `propertiesWithHistory`. HubSpot documents a lower cap than 100 for history
   * reads without stating it in the spec; 50 is the commonly reported figure (UNVERIFIED): configurable.
   */
  historyBatchMax: z.number().int().min(1).max(100).default(50),
  webhooks: z.object({
    batchSize: z.number().int().min(1).max(100).default(100),
    batchDelayMs: z.number().int().min(0).default(100),
    timeoutMs: z.number().int().positive().default(5_000),
    maxAttempts: z.number().int().min(1).default(10),
    retryBaseMs: z.number().int().min(0).default(1_000),
    retryMaxMs: z.number().int().min(0).default(3_600_000),
  }).prefault({}),
  simulator: z.object({
    intervalMs: z.number().int().positive().default(2_000),
    perTick: z.number().int().min(0).default(3),
    newContactShare: z.number().min(0).max(1).default(0.05),
    seed: z.string().default('sandbox'),
    autoStart: z.boolean().default(false),
  }).prefault({}),
  apps: z.array(AppInputSchema).default([]),
});

export type SandboxOptions = z.input<typeof SandboxOptionsSchema>;
export type ResolvedSandboxOptions = z.output<typeof SandboxOptionsSchema>;
