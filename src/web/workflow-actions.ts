import { z } from 'zod';
import type { StoredScore } from '../store/scores.js';
import { hasV3Headers, publicRequestUrl, verifyV2, verifyV3, type Headers } from '../hubspot/signature.js';
import type { WorkflowActionOutputName } from '../hubspot/project-manifest-workflow-action.js';

/**
 * The "Get lead score" workflow action (component `hubspot-app/app/workflow-actions/score-contact-hsmeta.json`):
 * HubSpot POSTs `{callbackId, origin: {portalId…}, object: {objectId, objectType}, inputFields}` and later steps
 * branch on the `outputFields` we answer with. The answer is the contact's last stored score: no HubSpot call
 * happens inside the request (ARCHITECTURE.md "Acknowledge fast").
 */

/** What HubSpot sends (custom-action-reference: developers.hubspot.com/docs/api-reference/automation-actions-v4-v4). */
export const ScoreActionRequestSchema = z.looseObject({
  callbackId: z.string().optional(),
  origin: z.looseObject({ portalId: z.coerce.number().int().positive() }),
  object: z.looseObject({
    objectId: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String),
    objectType: z.string(),
  }),
  inputFields: z.record(z.string(), z.unknown()).nullish(),
});
export type ScoreActionRequest = z.infer<typeof ScoreActionRequestSchema>;

export type WorkflowActionDeps = {
  /** The app's client secret (HubSpot signs action requests with it). */
  secret: string;
  publicBaseUrl: string;
  maxAgeMs: number;
  now: () => number;
  /** Only portals with an active installation may use the action. */
  isInstalled: (portalId: number) => Promise<boolean>;
  /** The portal's published model ids. */
  publishedModelIds: (portalId: number) => Promise<string[]>;
  lastScore: (portalId: number, contactId: string, modelId: string) => Promise<StoredScore | null>;
  /** Asks the pipeline to score a contact soon (it has no stored score yet). */
  requestScore: (portalId: number, contactId: string) => Promise<void>;
};

export type ActionRequest = { method: string; originalUrl: string; headers: Headers; body: Uint8Array };
export type ActionResponse = { status: number; headers?: Record<string, string>; body: unknown };

/** HubSpot retries a 5xx answer later (custom-action guide; the schedule is unverified): time for a first score. */
export const RETRY_AFTER_S = 60;

/** Verifies, validates, authorises, then answers from the stored score. Never throws for bad input. */
export async function handleScoreAction(deps: WorkflowActionDeps, req: ActionRequest): Promise<ActionResponse> {
  const verified = verify(deps, req);
  if (!verified.ok) return { status: 401, body: { error: 'SIGNATURE_INVALID', reason: verified.reason } };
  let parsed: ScoreActionRequest;
  try {
    const result = ScoreActionRequestSchema.safeParse(JSON.parse(Buffer.from(req.body).toString('utf8')));
    if (!result.success) return { status: 400, body: { error: 'BODY_INVALID', issues: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) } };
    parsed = result.data;
  } catch {
    return { status: 400, body: { error: 'BODY_INVALID', issues: ['not JSON'] } };
  }
  const portalId = parsed.origin.portalId;
  const contactId = parsed.object.objectId;
  if (parsed.object.objectType.toUpperCase() !== 'CONTACT') return fail(`objectType ${parsed.object.objectType} is not supported`);
  if (!(await deps.isInstalled(portalId))) return { status: 403, body: { error: 'NOT_INSTALLED' } };
  const modelId = await chooseModel(deps, portalId, parsed.inputFields?.modelId);
  if (!modelId.ok) return fail(modelId.message);
  const score = await deps.lastScore(portalId, contactId, modelId.id);
  if (!score) {
    await deps.requestScore(portalId, contactId);
    return { status: 503, headers: { 'retry-after': String(RETRY_AFTER_S) }, body: { error: 'NOT_SCORED_YET' } };
  }
  return { status: 200, body: { outputFields: { ...outputsOf(score), hs_execution_state: 'SUCCESS' } } };
}

/**
 * Only v3 (fresh, timestamped) when any v3 header is present, even one that fails: a valid v2 signature then
 * counts for nothing, so stripping or breaking the v3 part of a captured request cannot replay it. v2 alone is
 * accepted because HubSpot's custom workflow action guide documents v2 for action requests
 * (developers.hubspot.com/docs/api-reference/automation-actions-v4-v4/custom-action-guide). Such a request has no
 * replay window, which is safe here because the action is idempotent: it only reads the stored score, and at most
 * marks the contact for scoring, which a repeat leaves as it is.
 */
function verify(deps: WorkflowActionDeps, req: ActionRequest) {
  const url = publicRequestUrl(deps.publicBaseUrl, req.originalUrl);
  const common = { secret: deps.secret, method: req.method, url, body: req.body, headers: req.headers };
  if (hasV3Headers(req.headers)) return verifyV3({ ...common, now: deps.now(), maxAgeMs: deps.maxAgeMs });
  return verifyV2(common);
}

async function chooseModel(deps: WorkflowActionDeps, portalId: number, input: unknown): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
  const published = (await deps.publishedModelIds(portalId)).sort();
  const wanted = typeof input === 'string' && input.trim() ? input.trim() : undefined;
  if (wanted) return published.includes(wanted) ? { ok: true, id: wanted } : { ok: false, message: `no published model "${wanted}"` };
  // Without an input the first published model (by id) answers, so a portal with one model needs no setup.
  return published[0] ? { ok: true, id: published[0] } : { ok: false, message: 'no published model' };
}

/** An answer the workflow can branch on: the run continues, outputs stay empty, the reason shows in its history. */
function fail(message: string): ActionResponse {
  return { status: 200, body: { outputFields: { hs_execution_state: 'FAIL_CONTINUE', error: message } } };
}

/** Out of scope: no numbers, stage `none` (the value the stage property takes then: SCORING-MODEL.md "Output"). */
export function outputsOf(score: StoredScore): Partial<Record<WorkflowActionOutputName, number | string>> {
  const r = score.summary;
  if (!score.inScope || !r) return { stage: 'none' };
  return { score: r.total, fit: r.fit, engagement: r.engagement, grade: r.grade, stage: r.stage };
}
