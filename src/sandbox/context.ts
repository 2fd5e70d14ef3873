import type { Response } from 'express';
import type { Clock } from './clock.js';
import type { Portal } from './crm/portal.js';
import type { AppRegistry } from './oauth/apps.js';
import type { TokenStore } from './oauth/tokens.js';

/** Everything the route modules share. */
export type SandboxContext = {
  clock: Clock;
  portals: Map<number, Portal>;
  apps: AppRegistry;
  tokens: TokenStore;
  /** Batch-read inputs allowed when `propertiesWithHistory` is set (HubSpot lowers the cap; value unverified). */
  historyBatchMax: number;
  /** The sandbox's own base URL (paging links). */
  baseUrl(): string;
};

/** The portal the authenticated request belongs to. */
export function portalOf(ctx: SandboxContext, res: Response): Portal {
  const portal = ctx.portals.get(res.locals.portalId as number);
  if (!portal) throw new Error(`portal ${String(res.locals.portalId)} is not loaded`);
  return portal;
}
