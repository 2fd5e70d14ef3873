import { Client } from '@hubspot/api-client';
import type { Config } from '../config.js';

/**
 * The one place a HubSpot SDK client is built (STYLE.md §6). Its own retries are off (numberOfApiCallRetries 0:
 * they wait 10 s × attempt on a 429 and ignore Retry-After) and no `limiterOptions` is passed, so its Bottleneck
 * limiter (a process-wide singleton) is never created: our Redis limiter and BullMQ's attempts do that job.
 * Note: the SDK keeps its method decorators in a process-wide singleton that every `new Client` resets; building
 * every client here, always without decorators, keeps that harmless.
 */
export function createHubSpotClient(config: Pick<Config, 'HUBSPOT_API_BASE_URL'>, accessToken: string): Client {
  return new Client({
    basePath: config.HUBSPOT_API_BASE_URL.replace(/\/+$/, ''),
    accessToken,
    numberOfApiCallRetries: 0,
  });
}
