import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';

/**
 * Authorization codes, grants (one per app install) and tokens. Codes are single-use and expire after 10
 * minutes; access tokens live `accessTtlS` (HubSpot: 1800 s); every refresh returns a new refresh token and
 * retires the old one (store the one each refresh returns, PLATFORM.md §5).
 */
export type Grant = { id: string; appId: number; portalId: number; userId: number; scopes: string[]; refreshToken: string; revoked: boolean };
type Code = { appId: number; portalId: number; userId: number; scopes: string[]; redirectUri: string; expiresAt: number; used: boolean };
type Access = { grantId: string; expiresAt: number };

export type TokenPair = { access_token: string; refresh_token: string; expires_in: number; token_type: 'bearer'; hub_id: number; user_id: number; scopes: string[] };
export type AccessCheck = { ok: true; grant: Grant; expiresAt: number } | { ok: false; reason: 'unknown' | 'expired'; expiredAt?: number };

const CODE_TTL_MS = 10 * 60_000;

export class TokenStore {
  private readonly codes = new Map<string, Code>();
  private readonly grants = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, string>();
  private readonly access = new Map<string, Access>();

  constructor(private readonly clock: Clock, public accessTtlS = 1800) {}

  issueCode(c: Omit<Code, 'expiresAt' | 'used'>): string {
    const code = randomUUID();
    this.codes.set(code, { ...c, expiresAt: this.clock.now() + CODE_TTL_MS, used: false });
    return code;
  }

  /** Exchanges a code; the redirect URI must be the one the code was issued for. */
  redeemCode(code: string, appId: number, redirectUri: string): { ok: true; pair: TokenPair } | { ok: false; status: 'BAD_AUTH_CODE' | 'BAD_REDIRECT_URI' } {
    const c = this.codes.get(code);
    if (!c || c.used || c.appId !== appId || c.expiresAt <= this.clock.now()) return { ok: false, status: 'BAD_AUTH_CODE' };
    if (c.redirectUri !== redirectUri) return { ok: false, status: 'BAD_REDIRECT_URI' };
    c.used = true;
    return { ok: true, pair: this.grant({ appId: c.appId, portalId: c.portalId, userId: c.userId, scopes: c.scopes }) };
  }

  /** Creates a grant directly (tests and the demo's programmatic install). */
  grant(g: Omit<Grant, 'id' | 'refreshToken' | 'revoked'>): TokenPair {
    const grant: Grant = { ...g, id: randomUUID(), refreshToken: newRefreshToken(), revoked: false };
    this.grants.set(grant.id, grant);
    this.byRefresh.set(grant.refreshToken, grant.id);
    return this.pair(grant);
  }

  refresh(refreshToken: string, appId: number): TokenPair | undefined {
    const grant = this.grantByRefresh(refreshToken);
    if (!grant || grant.appId !== appId) return undefined;
    this.byRefresh.delete(grant.refreshToken);
    grant.refreshToken = newRefreshToken();
    this.byRefresh.set(grant.refreshToken, grant.id);
    return this.pair(grant);
  }

  checkAccess(token: string): AccessCheck {
    const a = this.access.get(token);
    const grant = a && this.grants.get(a.grantId);
    if (!a || !grant || grant.revoked) return { ok: false, reason: 'unknown' };
    if (a.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired', expiredAt: a.expiresAt };
    return { ok: true, grant, expiresAt: a.expiresAt };
  }

  grantByRefresh(refreshToken: string): Grant | undefined {
    const id = this.byRefresh.get(refreshToken);
    const grant = id ? this.grants.get(id) : undefined;
    return grant && !grant.revoked ? grant : undefined;
  }

  /** Revokes every grant of an app in a portal (uninstall): its tokens stop working and refreshes fail. */
  revokeApp(portalId: number, appId: number): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.portalId === portalId && g.appId === appId && !g.revoked) { g.revoked = true; n++; }
    }
    return n;
  }

  revokeRefresh(refreshToken: string): boolean {
    const grant = this.grantByRefresh(refreshToken);
    if (!grant) return false;
    grant.revoked = true;
    return true;
  }

  private pair(grant: Grant): TokenPair {
    const token = randomBytes(36).toString('base64url');
    this.access.set(token, { grantId: grant.id, expiresAt: this.clock.now() + this.accessTtlS * 1000 });
    return {
      access_token: token, refresh_token: grant.refreshToken, expires_in: this.accessTtlS, token_type: 'bearer',
      hub_id: grant.portalId, user_id: grant.userId, scopes: grant.scopes,
    };
  }
}

function newRefreshToken(): string {
  return `na1-${randomUUID()}`;
}
