import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../../src/config.js';
import { signV3 } from '../../../src/hubspot/signature.js';
import type { Logger } from '../../../src/logger.js';
import { startApp, type AppHandle, type Role, type StartOptions } from '../../../src/runtime/start-app.js';
import { createDirtyStore } from '../../../src/store/dirty.js';
import { createInstallationStore } from '../../../src/store/installations.js';
import { appKeys, type AppKeys } from '../../../src/store/keys.js';
import { createModelStore } from '../../../src/store/models.js';
import { capturedLogger } from '../../helpers/captured-logger.js';
import { connect, dropPrefix, redisUrl, uniquePrefix } from '../../helpers/redis.js';
import { until } from '../../helpers/until.js';

export const API = 'https://api.hubspot.test';
export const PUBLIC_BASE_URL = 'https://scoring.example.com';
export const CLIENT_SECRET = 'pipeline-client-secret-7c1e4b99';
export const ENCRYPTION_KEY = Buffer.alloc(32, 9).toString('base64');
export const ACCESS_TOKEN = 'pipeline-access-token-5a0f31';
export const REFRESH_TOKEN = 'pipeline-refresh-token-9b22d0';

export const fixture = <T = unknown>(path: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8')) as T;

export const starterModel = () => JSON.parse(readFileSync(new URL('../../../examples/starter-model.json', import.meta.url), 'utf8'));

/** The environment of a pipeline test: real config parsing, a unique Redis prefix, HubSpot at `API`. */
export function pipelineEnv(prefix: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    PORT: '0',
    PUBLIC_BASE_URL,
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: prefix,
    HUBSPOT_CLIENT_ID: 'pipeline-client-id',
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    HUBSPOT_API_BASE_URL: API,
    HUBSPOT_APP_BASE_URL: 'https://app.hubspot.test',
    HUBSPOT_REQUEST_TIMEOUT_MS: '5000',
    SETTLE_WINDOW_MS: '300',
    ...env,
  };
}

export type HttpResult = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/**
 * A plain node:http request (not fetch: nock's fetch interception cannot pass a request body through to a
 * real local server).
 */
export function httpRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Signs a body as HubSpot does (with the production signer) and POSTs it to the app's webhook route. */
export async function postWebhook(
  baseUrl: string,
  body: string | Buffer,
  opts: { secret?: string; timestamp?: number; signature?: string; path?: string } = {},
): Promise<HttpResult> {
  const path = opts.path ?? '/webhooks/hubspot';
  const timestamp = opts.timestamp ?? Date.now();
  const signature = opts.signature ?? signV3({ secret: opts.secret ?? CLIENT_SECRET, method: 'POST', url: `${PUBLIC_BASE_URL}${path}`, body, timestamp });
  return httpRequest(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': String(timestamp) },
    body,
  });
}

export type Pipeline = {
  app: AppHandle;
  config: Config;
  redis: Redis;
  keys: AppKeys;
  prefix: string;
  install(portalId: number, tokens?: { accessToken?: string; refreshToken?: string; expiresAt?: number }): Promise<void>;
  publishStarter(portalId: number): Promise<void>;
  /** Resolves when the portal has no dirty or in-flight contact and the queue has no pending job. */
  idle(portalId: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
};

/** Starts the app in this process with a unique prefix; `close` stops it and deletes every key it wrote. */
export async function startPipeline(opts: {
  roles: Role[];
  env?: Record<string, string>;
  logger?: Logger;
  overrides?: StartOptions['overrides'];
  label?: string;
}): Promise<Pipeline> {
  const prefix = uniquePrefix(opts.label ?? 'pipe');
  const config = loadConfig(pipelineEnv(prefix, opts.env));
  const logger = opts.logger ?? capturedLogger().logger;
  const app = await startApp({ config, roles: opts.roles, logger, overrides: { sweep: false, ...opts.overrides } });
  const redis = connect();
  const keys = appKeys(prefix);
  const installations = createInstallationStore({ redis, keys, encryptionKey: ENCRYPTION_KEY });
  const models = createModelStore({ redis, keys });
  const dirty = createDirtyStore({ redis, keys, settleMs: 0, leaseMs: 1 });
  return {
    app, config, redis, keys, prefix,
    async install(portalId, tokens = {}) {
      await installations.save({
        portalId, hubId: portalId, scopes: ['oauth', 'crm.objects.contacts.read', 'crm.objects.contacts.write'],
        accessToken: tokens.accessToken ?? ACCESS_TOKEN, refreshToken: tokens.refreshToken ?? REFRESH_TOKEN,
        expiresAt: tokens.expiresAt ?? Date.now() + 30 * 60_000,
      });
    },
    async publishStarter(portalId) {
      await models.publishDocument(portalId, starterModel());
    },
    async idle(portalId, timeoutMs = 15_000) {
      await until(async () => {
        const pending = await dirty.pending(portalId);
        const counts = await app.queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children');
        return pending.dirty + pending.inflight === 0 && Object.values(counts).every((n) => n === 0);
      }, timeoutMs, `portal ${portalId} idle`);
    },
    async close() {
      await app.close();
      await dropPrefix(redis, prefix);
      redis.disconnect();
    },
  };
}
