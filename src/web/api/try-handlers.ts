import { fatalLimitErrors, type Model, type ScoreResult } from '../../scoring/index.js';
import { syncProperties } from '../../signals/index.js';
import type { ContactRecord } from '../../hubspot/schemas.js';
import { HttpError } from '../http-error.js';
import { requireInstalled, type ApiContext } from './api-context.js';
import type { ApiHandlers } from './endpoint-route.js';
import { createEvaluationPool, scoreOnThreads, type EvaluationPool } from './evaluation-pool.js';
import { trimmedLedger, trimmedProperties } from './evaluation-task.js';
import { currentDraft } from './model-handlers.js';
import { previewStats } from './preview-stats.js';
import { scoreView } from './score-view.js';

/** Contacts a preview evaluates by default: 5 list calls, a few seconds. */
const DEFAULT_PREVIEW_LIMIT = 500;
const PAGE = 100;

/**
 * "Try before publishing": the draft (the editor's unsaved model when sent, else the saved draft) against the
 * published version, on one contact or a sample of the portal's contacts. Contacts are read from HubSpot with
 * exactly the properties both models and the signal mapping need; events are the stored ledger plus what the
 * current properties prove: the same inputs the pipeline scores with. Nothing is written.
 *
 * Validating the sent draft and scoring run on the evaluation threads (evaluation-pool.ts) with a time budget, so
 * the worst model the limits allow, over the longest values, never blocks the web process.
 */
export function tryHandlers(ctx: ApiContext, pool: EvaluationPool = defaultPool(ctx)): Pick<ApiHandlers, 'testDraft' | 'previewDraft'> {
  async function models(portalId: number, modelId: string, sent: unknown) {
    let draft: Model;
    if (sent === undefined) draft = (await currentDraft(ctx, portalId, modelId)).draft;
    else {
      // Too deep or too large is refused here: such a document cannot even be cloned to a thread.
      const fatal = fatalLimitErrors(sent);
      if (fatal) throw new HttpError(422, 'MODEL_INVALID', 'The model is invalid: nothing was saved', fatal);
      const answer = await pool.run({ kind: 'validate', doc: sent, modelId });
      if (answer.kind === 'invalid') throw new HttpError(422, 'MODEL_INVALID', 'The model is invalid: nothing was saved', answer.errors);
      draft = (answer as { model: Model }).model;
    }
    const published = (await ctx.models.getPublished(portalId, modelId))?.model ?? null;
    return { draft, published };
  }

  async function evaluateAll(portalId: number, contacts: ContactRecord[], list: Model[], slim = false): Promise<ScoreResult[][]> {
    const ledgers = await ctx.ledger.read(portalId, contacts.map((c) => c.id));
    const sent = contacts.map((c) => ({ properties: trimmedProperties(c.properties), ledger: trimmedLedger(ledgers.get(c.id) ?? []) }));
    return scoreOnThreads(pool, list, sent, ctx.clock(), slim);
  }

  return {
    testDraft: async ({ portalId, params, body }) => {
      const { draft, published } = await models(portalId, params.modelId, body.model);
      await requireInstalled(ctx, portalId);
      const list = published ? [draft, published] : [draft];
      const read = await ctx.gateway.forPortal(portalId).batchReadContacts([body.contactId], syncProperties(list));
      const contact = read.results[0];
      if (!contact) throw new HttpError(404, 'NOT_FOUND', `Contact ${body.contactId} does not exist in this HubSpot account`);
      const [results] = await evaluateAll(portalId, [contact], list);
      return {
        contactId: body.contactId,
        draft: scoreView(draft, results![0]!),
        published: published ? scoreView(published, results![1]!) : null,
      };
    },

    previewDraft: async ({ portalId, params, body }) => {
      const { draft, published } = await models(portalId, params.modelId, body.model);
      await requireInstalled(ctx, portalId);
      const list = published ? [draft, published] : [draft];
      const limit = body.limit ?? DEFAULT_PREVIEW_LIMIT;
      const gw = ctx.gateway.forPortal(portalId);
      const properties = syncProperties(list);
      const pairs: { draft: ScoreResult; published: ScoreResult | null }[] = [];
      let after: string | null = null;
      do {
        const page = await gw.listContacts({ after: after ?? undefined, properties, limit: Math.min(PAGE, limit - pairs.length) });
        for (const r of await evaluateAll(portalId, page.results, list, true)) pairs.push({ draft: r[0]!, published: r[1] ?? null });
        after = page.nextAfter;
      } while (after && pairs.length < limit);
      return { modelId: params.modelId, ...previewStats(pairs), sampled: after !== null };
    },
  };
}

/** One pool per API (per web process), sized and budgeted by config. */
function defaultPool(ctx: ApiContext): EvaluationPool {
  return createEvaluationPool({ threads: ctx.config.EVALUATION_THREADS, timeoutMs: ctx.config.EVALUATION_TIMEOUT_MS, maxQueue: 64 });
}
