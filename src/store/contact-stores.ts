import type { LedgerBounds } from '../signals/index.js';
import { createRecordStore } from './contact-records.js';
import { createDictionary } from './dictionary.js';
import type { AppKeys } from './keys.js';
import { createLedgerStore } from './ledger.js';
import type { RedisClient } from './redis-client.js';
import { createScoreStore } from './scores.js';

/**
 * The stores over the contact records, built together: the ledger and the scores share one record store (and
 * its dictionary cache), because a score write folds the ledger's appended tail under the same bounds.
 */
export function createContactStores(deps: { redis: RedisClient; keys: AppKeys; bounds: LedgerBounds; historyMax: number }) {
  const { redis, keys, bounds } = deps;
  const records = createRecordStore({ redis, keys, bounds, dict: createDictionary({ redis, keys }) });
  return {
    records,
    ledger: createLedgerStore({ records, bounds }),
    scores: createScoreStore({ records, historyMax: deps.historyMax }),
  };
}
