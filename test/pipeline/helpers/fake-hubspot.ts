import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for HubSpot's contact batch endpoints, shared by worker processes (nock cannot span
 * processes). It keeps contacts and applies updates, logs every request's arrival time, answers 429 (with
 * HubSpot's body and rate-limit headers) past a sliding-window limit or on demand, and can hold a batch update
 * unanswered (to kill a worker in the middle of it).
 */
export type FakeHubSpot = Awaited<ReturnType<typeof startFakeHubSpot>>;

type Contact = { id: string; properties: Record<string, string | null> };

export async function startFakeHubSpot(opts: { token: string; limit: number; windowMs: number }) {
  const contacts = new Map<string, Contact>();
  const arrivals: { at: number; path: string; status: number }[] = [];
  const updates: { at: number; ids: string[] }[] = [];
  let forced429 = 0;
  let unforced429 = 0;
  let hold: { onHeld: (ids: string[]) => void } | null = null;
  const held: { res: ServerResponse; ids: string[] }[] = [];

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const record = (c: Contact) => ({ id: c.id, properties: c.properties, createdAt: '2025-10-01T08:00:00.000Z', updatedAt: new Date().toISOString(), archived: false });
  const batch = (results: unknown[], errors?: unknown[]) => ({
    status: 'COMPLETE', results, ...(errors?.length ? { numErrors: errors.length, errors } : {}),
    startedAt: new Date().toISOString(), completedAt: new Date().toISOString(),
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const at = Date.now();
    const path = (req.url ?? '').split('?')[0]!;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const log = (status: number) => arrivals.push({ at, path, status });
    if (req.headers.authorization !== `Bearer ${opts.token}`) {
      log(401);
      return send(res, 401, { status: 'error', category: 'INVALID_AUTHENTICATION', message: 'bad token' });
    }
    const recent = arrivals.filter((a) => a.at > at - opts.windowMs).length;
    if (forced429 > 0 || recent >= opts.limit) {
      if (forced429 > 0) forced429--;
      else unforced429++;
      log(429);
      return send(res, 429, {
        status: 'error', message: 'You have reached your ten_secondly_rolling limit.', errorType: 'RATE_LIMIT',
        correlationId: 'f1e2d3c4', policyName: 'TEN_SECONDLY_ROLLING',
      }, {
        'x-hubspot-ratelimit-interval-milliseconds': String(opts.windowMs),
        'x-hubspot-ratelimit-max': String(opts.limit),
        'x-hubspot-ratelimit-remaining': '0',
      });
    }
    log(200);
    const inputs = (body.inputs ?? []) as { id: string; properties?: Record<string, string> }[];
    if (path === '/crm/v3/objects/contacts/batch/read') {
      const found = inputs.flatMap((i) => (contacts.has(i.id) ? [contacts.get(i.id)!] : []));
      const missing = inputs.filter((i) => !contacts.has(i.id)).map((i) => i.id);
      const wanted: string[] = body.properties ?? [];
      const results = found.map((c) => record({ id: c.id, properties: Object.fromEntries(wanted.map((p) => [p, c.properties[p] ?? null])) }));
      return send(res, missing.length ? 207 : 200, batch(results, missing.length ? [{ status: 'error', category: 'OBJECT_NOT_FOUND', message: 'Object not found', context: { ids: missing } }] : []));
    }
    if (path === '/crm/v3/objects/contacts/batch/update') {
      for (const i of inputs) {
        const c = contacts.get(i.id);
        if (c) Object.assign(c.properties, i.properties);
      }
      updates.push({ at, ids: inputs.map((i) => i.id) });
      if (hold) {
        // Applied, but the answer never comes: the worker dies before it learns the write succeeded.
        const h = hold;
        hold = null;
        held.push({ res, ids: inputs.map((i) => i.id) });
        return h.onHeld(inputs.map((i) => i.id));
      }
      return send(res, 200, batch(inputs.map((i) => record(contacts.get(i.id) ?? { id: i.id, properties: {} }))));
    }
    log(404);
    return send(res, 404, { status: 'error', message: `no route ${path}` });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { status: 'error', message: String(err) }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    contacts,
    arrivals,
    updates,
    get unforced429() {
      return unforced429;
    },
    addContact(c: Contact) {
      contacts.set(c.id, { id: c.id, properties: { ...c.properties } });
    },
    /** The next `n` requests get a 429, whatever the budget. */
    force429(n = 1) {
      forced429 += n;
    },
    /** The next batch update is applied but never answered; resolves with its ids once it arrived. */
    holdNextUpdate(): Promise<string[]> {
      return new Promise((resolve) => {
        hold = { onHeld: resolve };
      });
    },
    /** The most requests that arrived within any `windowMs` span. */
    maxInWindow(windowMs: number): number {
      const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
      let max = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= windowMs) j++;
        max = Math.max(max, i - j + 1);
      }
      return max;
    },
    /** Answers the held batch updates at last (200, as HubSpot would have). */
    releaseHeld() {
      for (const h of held.splice(0)) send(h.res, 200, batch(h.ids.map((id) => record(contacts.get(id) ?? { id, properties: {} }))));
    },
    async close() {
      for (const h of held) h.res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
