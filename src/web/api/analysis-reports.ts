import { capacityThreshold, type ArrivedLead } from '../../analysis/capacity-threshold.js';
import { forwardAccuracy, type ScoreSnapshot } from '../../analysis/forward-accuracy.js';
import { lifecycleConversions } from '../../analysis/lifecycle-conversions.js';
import type { CapacityThreshold, ForwardAccuracy, ScoreCount } from '../../analysis/report-schemas.js';
import type { CapacityRequest } from '../../contract/index.js';
import { createLifecycleChangeReader } from '../../store/lifecycle-changes.js';
import { createSnapshotReader, snapshotTime } from '../../store/score-snapshots.js';
import type { ApiContext } from './api-context.js';

/** Contacts one report considers (ids scanned and lifecycle changes filtered in Redis), and whose snapshots it reads. */
const MAX_CONTACTS = 10_000;
const MAX_SNAPSHOT_CONTACTS = 5_000;

/**
 * Forward-looking accuracy from what the store holds: the dated snapshots of `modelId` and the conversions the
 * ledgers recorded (lifecycle-stage changes from webhooks and the install backfill's history). Converters are read
 * first, then other contacts up to the bound; `sampled` says when the portal had more. Approximate where the store
 * is: ledgers are bounded by age and count, and a conversion HubSpot never reported by webhook nor history is missed.
 */
export async function forwardReport(ctx: ApiContext, portalId: number, modelId: string, reached: 'customer' | 'opportunity'): Promise<{ report: ForwardAccuracy; sampled: boolean }> {
  const snapshots = createSnapshotReader({ records: ctx.records });
  const { ids, truncated } = await snapshots.contactIds(portalId, MAX_CONTACTS);
  const changes = await createLifecycleChangeReader({ records: ctx.records }).read(portalId, ids);
  const conversions = lifecycleConversions(changes, reached);
  const converted = new Set(conversions.map((c) => c.contactId));
  const chosen = [...ids.filter((id) => converted.has(id)), ...ids.filter((id) => !converted.has(id))].slice(0, MAX_SNAPSHOT_CONTACTS);
  const points = await snapshots.read(portalId, modelId, chosen);
  const flat: ScoreSnapshot[] = [...points].flatMap(([contactId, ps]) => ps.map((p) => ({ contactId, at: snapshotTime(p.day), total: p.total })));
  const report = forwardAccuracy(flat, conversions.filter((c) => points.has(c.contactId)), { now: ctx.clock() });
  return { report, sampled: truncated || chosen.length < ids.length };
}

/**
 * The capacity threshold from the store: a contact "arrived" on the day of its first snapshot under `modelId`, and
 * scores its latest one. The first snapshot day of the portal is the install's backfill (every existing contact
 * at once), so arrivals are counted from the end of that day. `outcomes` (held-out contacts of the last learning
 * run) give each option its precision.
 */
export async function capacityReport(ctx: ApiContext, portalId: number, modelId: string, body: CapacityRequest, outcomes?: ScoreCount[]): Promise<CapacityThreshold> {
  const snapshots = createSnapshotReader({ records: ctx.records });
  const { ids } = await snapshots.contactIds(portalId, MAX_CONTACTS);
  const points = await snapshots.read(portalId, modelId, ids);
  const leads: ArrivedLead[] = [];
  let firstDay: string | null = null;
  for (const ps of points.values()) {
    const first = ps[0]!;
    const last = ps[ps.length - 1]!;
    if (firstDay === null || first.day < firstDay) firstDay = first.day;
    if (last.total !== null) leads.push({ at: snapshotTime(first.day) - 86_400_000, total: last.total });
  }
  return capacityThreshold(leads, body.leadsPerWeek, {
    now: ctx.clock(),
    ...(body.weeks ? { weeks: body.weeks } : {}),
    ...(firstDay ? { since: snapshotTime(firstDay) } : {}),
    ...(outcomes ? { outcomes } : {}),
  });
}
