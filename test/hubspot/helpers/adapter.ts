import { loadConfig, type Config } from '../../../src/config.js';

/** HubSpot as nock sees it in these tests (never reachable for real: net connect is disabled). */
export const API = 'https://api.hubspot.test';
export const CLIENT_SECRET = 'client-secret-4f1d9c2e-never-logged';
export const ENCRYPTION_KEY = Buffer.alloc(32, 42).toString('base64');

/** A real config as loadConfig builds it, pointed at the nock host. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PUBLIC_BASE_URL: 'https://scoring.example.com',
    HUBSPOT_CLIENT_ID: 'client-id-123',
    HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
    TOKEN_ENCRYPTION_KEY: ENCRYPTION_KEY,
    HUBSPOT_API_BASE_URL: API,
    HUBSPOT_APP_BASE_URL: 'https://app.hubspot.test',
    ...env,
  });
}
