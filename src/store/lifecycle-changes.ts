import type { RedisClient } from './redis-client.js';
import { parseEventKey } from '../signals/index.js';
import type { AppKeys } from './keys.js';
import { luaScript } from './lua.js';

/**
 * The lifecycle-stage changes recorded in contacts' signal ledgers (`property_change {property: lifecyclestage}`
 * events, from webhooks and from the install backfill's property history): what the store knows of conversions.
 * Filtered inside Redis, so a ledger of a few hundred engagement events costs no transfer.
 */
export type LifecycleChange = { at: number; value: string };

/** KEYS: ledgers. → per key, the members that are lifecycle-stage changes (canonical event JSON). */
const LIFECYCLE_MEMBERS = luaScript(`
local out = {}
for i, key in ipairs(KEYS) do
  local found = {}
  for _, m in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    if string.find(m, '"type":"property_change"', 1, true) and string.find(m, '"property":"lifecyclestage"', 1, true) then
      found[#found + 1] = m
    end
  end
  out[i] = found
end
return out`);

const CHUNK = 100;

export function createLifecycleChangeReader(deps: { redis: RedisClient; keys: AppKeys }) {
  const { redis, keys } = deps;
  return {
    /** Each contact's recorded lifecycle-stage changes, oldest first (contacts with none are left out). */
    async read(portalId: number, contactIds: readonly string[]): Promise<Map<string, LifecycleChange[]>> {
      const p = keys.portal(portalId);
      const out = new Map<string, LifecycleChange[]>();
      for (let i = 0; i < contactIds.length; i += CHUNK) {
        const chunk = contactIds.slice(i, i + CHUNK);
        const found = (await LIFECYCLE_MEMBERS.run(redis, chunk.map((id) => p.contact(id).ledger), [])) as string[][];
        chunk.forEach((id, k) => {
          const changes = (found[k] ?? []).flatMap((m) => {
            const e = parseEventKey(m);
            return e && e.property === 'lifecyclestage' && typeof e.value === 'string' ? [{ at: e.at, value: e.value }] : [];
          });
          if (changes.length) out.set(id, changes.sort((a, b) => a.at - b.at));
        });
      }
      return out;
    },
  };
}

export type LifecycleChangeReader = ReturnType<typeof createLifecycleChangeReader>;
