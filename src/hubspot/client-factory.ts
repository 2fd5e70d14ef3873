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

/** Status and headers of an HTTP response, seen before the SDK parses the body. */
export type ObservedResponse = { status: number; headers: Record<string, string> };

/**
 * Per-call SDK options that report each response's status. When a body cannot be parsed (an error page without
 * a content type), the SDK throws a plain Error without the status; this keeps it for the classification.
 * Passed per call because 13.5 ignores middleware given to the Client constructor (its generated APIs apply
 * only call-time middleware); 'append' keeps the SDK's own header middleware too.
 */
export function observeResponses(onResponse: (r: ObservedResponse) => void) {
  return {
    middlewareMergeStrategy: 'append' as const,
    middleware: [
      {
        pre: <T>(ctx: T): Promise<T> => Promise.resolve(ctx),
        post: <T>(ctx: T): Promise<T> => {
          const c = ctx as { httpStatusCode?: unknown; headers?: unknown };
          onResponse({ status: Number(c.httpStatusCode), headers: (c.headers ?? {}) as Record<string, string> });
          return Promise.resolve(ctx);
        },
      },
    ],
  };
}

export type SdkCallOptions = ReturnType<typeof observeResponses>;
