/**
 * `npm run bench:rescore`: the rescore after a publish, on the demo portal (DEMO_CONTACTS, 9,237 by default) at
 * HubSpot's real limits, with a version whose outputs differ for every contact in scope (its property prefix
 * changes, so every in-scope contact gets a batch update). Contacts are read through CRM search (its own 5/s
 * budget); the 10-second budget goes to writes. Prints contacts written per second against the write bound
 * (budget/10 s × 100 contacts per batch update) and the sandbox's count of HubSpot calls and 429s.
 */
import { loadConfig } from '../src/config.js';
import { createScheduler } from '../src/queue/scheduler.js';
import { loadStarterModel } from '../src/runtime/starter-model.js';
import { createModelStore } from '../src/store/models.js';
import { measureBackfill } from './lib/backfill-phase.js';
import { startBenchStack } from './lib/bench-stack.js';

const status = (line: string) => process.stderr.write(`${line}\n`);
const contacts = loadConfig().DEMO_CONTACTS;
status(`setup: sandbox seeded with ${contacts.toLocaleString('en-US')} contacts, web and worker processes…`);
const stack = await startBenchStack({ contacts });
try {
  const { sandbox, portalId, progress } = stack;
  const backfill = await measureBackfill(stack, () => {});
  await stack.idle(60_000);
  status(`backfill: ${backfill.contacts} contacts in ${backfill.seconds.toFixed(1)} s; publishing v2 and rescoring…`);

  const models = createModelStore({ redis: stack.redis, keys: stack.keys });
  const doc = loadStarterModel() as { propertyPrefix: string };
  doc.propertyPrefix = 'lead_score_v2';
  await models.saveDraft(portalId, 'starter', doc);
  const v = (await models.publishDraft(portalId, 'starter'))!;
  const before = sandbox.requests(portalId);
  const started = await progress.start(portalId, 'rescore', { modelId: 'starter', version: v.version });
  await createScheduler({ queue: stack.queue }).enqueueRescore(portalId, 'starter', v.version, started.startedAt);
  const deadline = Date.now() + 10 * 60_000;
  let p = await progress.get(portalId, 'rescore');
  while (p?.status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    p = await progress.get(portalId, 'rescore');
  }
  if (p?.status !== 'done' || p.finishedAt === undefined) throw new Error(`rescore ended as ${p?.status}`);
  const after = sandbox.requests(portalId);
  const route = (r: string) => (after.byRoute[r] ?? 0) - (before.byRoute[r] ?? 0);
  const seconds = (p.finishedAt - p.startedAt) / 1000;
  const bound = (stack.config.budgetPer10s / 10) * 100;
  const rate = p.written / seconds;
  process.stdout.write(
    `Rescore of ${p.seen.toLocaleString('en-US')} contacts (${p.written.toLocaleString('en-US')} in scope, every one written) in ${seconds.toFixed(1)} s: ` +
      `${Math.round(rate)} contacts written/s = ${(rate / bound).toFixed(2)} of the write bound ${Math.round(bound)}/s at ${stack.config.budgetPer10s} calls/10 s; ` +
      `${route('POST /crm/v3/objects/contacts/search')} searches + ${route('POST /crm/v3/objects/contacts/batch/update')} batch updates + ` +
      `${route('GET /crm/v3/objects/contacts')} list pages, ${(after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0)} × 429\n`,
  );
} finally {
  await stack.close();
}
