import { z } from 'zod';
import type { Model } from './model-schema.js';
import { countedPoints } from './counted-points.js';
import type { BreakdownItem, CapAdjustment, ScoreResult } from './result-schema.js';
import { roundTenth } from './rounding.js';

/** The HubSpot property group the output properties live in (SCORING-MODEL.md "Output"). */
export const OUTPUT_PROPERTY_GROUP = { name: 'lead_scoring', label: 'Lead scoring' } as const;

/** Reason text stays well inside HubSpot's single-line text limit and readable in a list view. */
const REASON_MAX_CHARS = 250;
const REASON_ITEMS = 3;

/** A HubSpot contact property to create (the body of `POST /crm/v3/properties/contacts`). */
export const PropertyDefinitionSchema = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  groupName: z.string(),
  type: z.enum(['number', 'string', 'enumeration', 'datetime']),
  fieldType: z.enum(['number', 'text', 'select', 'date']),
  options: z.array(z.object({ label: z.string(), value: z.string(), displayOrder: z.number().int(), hidden: z.boolean() })).optional(),
});
export type PropertyDefinition = z.infer<typeof PropertyDefinitionSchema>;

/** The names of the output properties for a model's `propertyPrefix` `p`: `p`, `p_fit`, `p_engagement`… */
export function outputNames(model: Model) {
  const p = model.propertyPrefix;
  return {
    total: p,
    fit: `${p}_fit`,
    engagement: `${p}_engagement`,
    grade: `${p}_grade`,
    stage: `${p}_stage`,
    reason: `${p}_reason`,
    updatedAt: `${p}_updated_at`,
    stageChangedAt: `${p}_stage_changed_at`,
  } as const;
}

/**
 * The values to write to HubSpot for a score. `previous` is the contact's current values of these properties
 * (as last read or written); `_stage_changed_at` is written only when the stage differs from
 * `previous[p_stage]` (or nothing is known of it). Out of scope: every output property cleared with "" (HubSpot
 * clears a value given as an empty string). Datetimes are ISO 8601, from the result's `evaluatedAt`.
 */
export function outputProperties(model: Model, result: ScoreResult, previous?: Record<string, string | null | undefined>): Record<string, string> {
  const n = outputNames(model);
  if (!result.inScope) return Object.fromEntries(Object.values(n).map((name) => [name, '']));
  const at = new Date(result.evaluatedAt).toISOString();
  const out: Record<string, string> = {
    [n.total]: String(result.total),
    [n.fit]: String(result.fit),
    [n.engagement]: String(result.engagement),
    [n.grade]: result.grade,
    [n.stage]: result.stage,
    [n.reason]: reasonOf(result.breakdown, result.adjustments),
    [n.updatedAt]: at,
  };
  if ((previous?.[n.stage] ?? '').trim() !== result.stage) out[n.stageChangedAt] = at;
  return out;
}

/**
 * The top contributors as they count, after the group and dimension caps (see `countedPoints`), by absolute
 * points, largest first (model order breaks ties), at most three: `Viewed pricing page +18.2; VP title +15;
 * Student -20`. A rule whose points a cap or floor took away entirely is left out; empty when nothing counts.
 * Without `adjustments` (no cap cut anything) the points are the breakdown's own.
 */
export function reasonOf(breakdown: readonly BreakdownItem[], adjustments: readonly CapAdjustment[] = []): string {
  const counted = countedPoints(breakdown, adjustments);
  const top = breakdown
    .map((item, order) => ({ label: item.label, points: roundTenth(counted[order] as number), order }))
    .filter((c) => c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.order - b.order)
    .slice(0, REASON_ITEMS)
    .map((c) => `${c.label} ${c.points > 0 ? '+' : ''}${c.points}`);
  const text = top.join('; ');
  return text.length > REASON_MAX_CHARS ? `${text.slice(0, REASON_MAX_CHARS - 1)}…` : text;
}

/** The HubSpot property specs for a model's outputs, in the "Lead scoring" group. */
export function outputPropertyDefinitions(model: Model): PropertyDefinition[] {
  const n = outputNames(model);
  const groupName = OUTPUT_PROPERTY_GROUP.name;
  const label = (what: string) => `${model.name} ${what}`;
  const number = (name: string, what: string, description: string): PropertyDefinition => ({ name, label: label(what), description, groupName, type: 'number', fieldType: 'number' });
  const datetime = (name: string, what: string, description: string): PropertyDefinition => ({ name, label: label(what), description, groupName, type: 'datetime', fieldType: 'date' });
  const options = (values: string[]) => values.map((value, displayOrder) => ({ label: value, value, displayOrder, hidden: false }));
  const grades = model.grades.fit.flatMap((f) => model.grades.engagement.map((e) => f.grade + e.grade));
  return [
    number(n.total, 'score', `Total lead score (fit and engagement, weighted) from the "${model.name}" model.`),
    number(n.fit, 'fit', `Fit score (who the contact is), 0–${model.fit.max}.`),
    number(n.engagement, 'engagement', `Engagement score (what the contact did, with decay), 0–${model.engagement.max}.`),
    { name: n.grade, label: label('grade'), description: 'Fit letter and engagement digit, e.g. B2.', groupName, type: 'enumeration', fieldType: 'select', options: options(grades) },
    { name: n.stage, label: label('stage'), description: 'The highest stage whose threshold the total score reaches, or none.', groupName, type: 'enumeration', fieldType: 'select', options: options([...model.stages.map((s) => s.label), 'none']) },
    { name: n.reason, label: label('reason'), description: 'The rules that contributed most to the score.', groupName, type: 'string', fieldType: 'text' },
    datetime(n.updatedAt, 'updated at', 'When the score was last computed.'),
    datetime(n.stageChangedAt, 'stage changed at', 'When the stage last changed.'),
  ];
}
