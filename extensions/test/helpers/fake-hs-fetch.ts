import { vi } from 'vitest';

/**
 * A stand-in for HubSpot's `self.hsFetch`, the function `hubspot.fetch` delegates to (see
 * @hubspot/ui-extensions dist/hubspot.js): the components run their real client and `hubspot.fetch`; only the
 * platform boundary is replaced. Each route answers with a JSON body and status, or stays pending until the test
 * resolves it (to observe loading states and out-of-order answers).
 */
export interface FakeCall { method: string; url: string; path: string; body: unknown }
type Reply = { status: number; body: unknown };
type Handler = (call: FakeCall) => Reply | Promise<Reply>;

export const BASE_URL = 'https://scoring.example.com';

export function installFakeHsFetch() {
  const routes = new Map<string, Handler[]>();
  const calls: FakeCall[] = [];
  const hsFetch = vi.fn(async (url: string, init: { method?: string; body?: unknown } = {}) => {
    const method = init.method ?? 'GET';
    const path = new URL(url).pathname;
    const call = { method, url, path, body: init.body };
    calls.push(call);
    const queue = routes.get(`${method} ${path}`);
    const handler = queue && (queue.length > 1 ? queue.shift() : queue[0]);
    if (!handler) throw new Error(`no fake route for ${method} ${path}`);
    const reply = await handler(call);
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('self', { hsFetch });

  const add = (method: string, path: string, handler: Handler) => {
    const key = `${method} ${path}`;
    routes.set(key, [...(routes.get(key) ?? []), handler]);
  };
  return {
    calls,
    hsFetch,
    /** Answers `method path` (each registration answers once, the last one forever). */
    reply(method: string, path: string, body: unknown, status = 200) {
      add(method, path, () => ({ status, body }));
    },
    /** Leaves the request pending; call the returned function to answer it. */
    defer(method: string, path: string) {
      let resolve!: (r: Reply) => void;
      const pending = new Promise<Reply>((r) => { resolve = r; });
      add(method, path, () => pending);
      return (body: unknown, status = 200) => resolve({ status, body });
    },
    /** Answers `method path` by calling `handler` at each request (e.g. a report computed on a simulated clock). */
    handle(method: string, path: string, handler: Handler) {
      add(method, path, handler);
    },
    fail(method: string, path: string, error: Error) {
      add(method, path, () => { throw error; });
    },
  };
}

export type FakeHsFetch = ReturnType<typeof installFakeHsFetch>;
