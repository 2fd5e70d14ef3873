import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Api, Endpoint, EndpointName } from '../../contract/index.js';
import { HttpError } from '../http-error.js';

/** What a handler receives: the validated parts of the request and the portal the request acts for. */
export type EndpointRequest<E extends Endpoint> = {
  params: z.output<E['params']>;
  query: z.output<E['query']>;
  body: z.output<E['body']>;
  portalId: number;
  /** The HubSpot user, when the signed query names one (recorded as the author of drafts and versions). */
  userId: number | null;
};

/** A handler of one endpoint, and the handlers of them all (keyed like the contract's `api` table). */
export type EndpointHandler<E extends Endpoint> = (req: EndpointRequest<E>) => Promise<z.input<E['response']>>;
export type ApiHandlers = { [K in EndpointName]: EndpointHandler<Api[K]> };

const issuesOf = (where: string, err: z.ZodError) =>
  err.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));

/**
 * Registers a handler for one endpoint of the API contract (src/contract/endpoints.ts): params, query and body
 * are validated with the contract's schemas (400 with every problem by path), the portal comes from
 * `res.locals.portalId` (set by the /api auth middleware, never from the request itself), and the answer is
 * checked against the response schema so server and client cannot drift.
 */
export function registerEndpoint<E extends Endpoint>(
  router: Router,
  endpoint: E,
  handler: (req: EndpointRequest<E>) => Promise<z.input<E['response']>>,
): void {
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put';
  router[method](endpoint.path, async (req: Request, res: Response) => {
    const portalId = res.locals.portalId;
    if (typeof portalId !== 'number') throw new HttpError(401, 'UNAUTHORIZED', 'No authenticated portal for this request');
    const params = endpoint.params.safeParse(req.params);
    const query = endpoint.query.safeParse(req.query);
    const body = endpoint.body.safeParse(req.body ?? {});
    const issues = [
      ...(params.success ? [] : issuesOf('params', params.error)),
      ...(query.success ? [] : issuesOf('query', query.error)),
      ...(body.success ? [] : issuesOf('body', body.error)),
    ];
    if (issues.length) throw new HttpError(400, 'BAD_REQUEST', 'The request does not match the API contract', issues);
    const userId = (res.locals.caller as { userId?: number | null } | undefined)?.userId ?? null;
    const out = await handler({ params: params.data, query: query.data, body: body.data, portalId, userId } as EndpointRequest<E>);
    res.json(endpoint.response.parse(out));
  });
}
