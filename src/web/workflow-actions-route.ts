import express, { type Router } from 'express';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { InstallationStore } from '../store/installations.js';
import type { ModelStore } from '../store/models.js';
import type { ScoreStore } from '../store/scores.js';
import { handleScoreAction, type WorkflowActionDeps } from './workflow-actions.js';

/** Path of the action, below PUBLIC_BASE_URL (the manifest's actionUrl is `config.urls.workflowActions` + `/score`). */
export const SCORE_ACTION_PATH = '/workflow-actions/score';

/**
 * Express route for the workflow action. It reads the raw body itself (the signature covers the exact bytes), so
 * mount it before any JSON body parser, at the app's root.
 */
export function workflowActionsRouter(deps: WorkflowActionDeps): Router {
  const router = express.Router();
  router.post(SCORE_ACTION_PATH, express.raw({ type: () => true, limit: '1mb' }), async (req, res, next) => {
    try {
      const body: unknown = req.body ?? Buffer.alloc(0);
      if (!Buffer.isBuffer(body)) {
        throw new AppError('RAW_BODY_MISSING', 'The workflow action route received a parsed body: mount workflowActionsRouter before any body parser.');
      }
      const out = await handleScoreAction(deps, { method: req.method, originalUrl: req.originalUrl, headers: req.headers, body });
      res.status(out.status).set(out.headers ?? {}).json(out.body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/**
 * Wires the action to the app's stores; `requestScore` is the pipeline's "score this contact soon". `secret`
 * overrides HUBSPOT_CLIENT_SECRET (the sandbox's app has its own).
 */
export function workflowActionDeps(input: {
  config: Pick<Config, 'HUBSPOT_CLIENT_SECRET' | 'PUBLIC_BASE_URL' | 'SIGNATURE_MAX_AGE_MS'>;
  secret?: string;
  installations: Pick<InstallationStore, 'get'>;
  models: Pick<ModelStore, 'publishedVersions'>;
  scores: Pick<ScoreStore, 'readLast'>;
  requestScore: WorkflowActionDeps['requestScore'];
  now?: () => number;
}): WorkflowActionDeps {
  const secret = input.secret ?? input.config.HUBSPOT_CLIENT_SECRET;
  if (!secret) throw new AppError('CLIENT_SECRET_MISSING', 'Workflow actions need HUBSPOT_CLIENT_SECRET to verify HubSpot\'s signature.');
  return {
    secret,
    publicBaseUrl: input.config.PUBLIC_BASE_URL,
    maxAgeMs: input.config.SIGNATURE_MAX_AGE_MS,
    now: input.now ?? Date.now,
    isInstalled: async (portalId) => (await input.installations.get(portalId))?.status === 'active',
    publishedModelIds: async (portalId) => (await input.models.publishedVersions(portalId)).map((v) => v.modelId),
    lastScore: async (portalId, contactId, modelId) => (await input.scores.readLast(portalId, [contactId])).get(contactId)?.get(modelId) ?? null,
    requestScore: input.requestScore,
  };
}
