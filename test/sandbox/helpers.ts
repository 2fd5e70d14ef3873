import { Client } from '@hubspot/api-client';
import { startSandbox, type Sandbox, type SandboxOptions, type Clock, type RegisteredApp, type TokenPair } from '../../src/sandbox/index.js';

export type Installed = { sandbox: Sandbox; app: RegisteredApp; tokens: TokenPair; client: Client; portalId: number };

export const PORTAL_ID = 31_000_001;
export const REDIRECT_URI = 'http://127.0.0.1:9/oauth/callback';

/**
 * A sandbox with one small portal and one app installed in it, plus a real @hubspot/api-client pointed at it
 * (retries off, as the app builds it).
 */
export async function installedSandbox(opts: SandboxOptions & { scopes?: string[] } = {}, clock?: Clock): Promise<Installed> {
  const { scopes, ...options } = opts;
  const sandbox = await startSandbox({ portals: [{ id: PORTAL_ID, contacts: 30, seed: 'test' }], ...options }, clock);
  const app = sandbox.registerApp({ redirectUris: [REDIRECT_URI] });
  const tokens = sandbox.installApp({ appId: app.appId, portalId: PORTAL_ID, scopes });
  const client = new Client({ basePath: sandbox.url, accessToken: tokens.access_token, numberOfApiCallRetries: 0 });
  return { sandbox, app, tokens, client, portalId: PORTAL_ID };
}

/** The error an SDK call rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; body: Record<string, unknown>; headers: Record<string, string> };
  }
  throw new Error('expected the call to fail');
}

/** A response body as loose JSON: tests check it field by field with `expect`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked by expect(), not by the compiler
export type Json = any;
export const json = async (res: Response | Promise<Response>): Promise<Json> => (await res).json();
