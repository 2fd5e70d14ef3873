import type { EventRule, Group, Model, PropertyRule } from '../../../../src/contract/index.js';

/** Every group and rule id in the model (ids are unique across the model). */
export function modelIds(model: Model): Set<string> {
  const ids = new Set<string>();
  for (const dim of [model.fit, model.engagement]) {
    for (const g of dim.groups) {
      ids.add(g.id);
      for (const r of g.rules) ids.add(r.id);
    }
  }
  return ids;
}

/** `rule_1`, `rule_2`…: the first id with this stem not yet used. */
export function freshId(model: Model, stem: string): string {
  const used = modelIds(model);
  for (let n = 1; ; n++) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

export const newGroup = (model: Model): Group => ({ id: freshId(model, 'group'), label: 'New group', rules: [] });

export const newPropertyRule = (model: Model): PropertyRule => ({
  id: freshId(model, 'rule'), label: 'New rule', points: 10, when: { property: 'jobtitle', op: 'known' },
});

export const newEventRule = (model: Model): EventRule => ({
  id: freshId(model, 'rule'), label: 'New event rule', points: 5, event: { type: 'page_view' },
});

/** A starting point for a portal with no model: the structure of SCORING-MODEL.md's example, with no rules. */
export function blankModel(id = 'inbound'): Model {
  return {
    id,
    name: 'Inbound leads',
    propertyPrefix: 'lead_score',
    fit: { max: 100, groups: [] },
    engagement: { max: 100, groups: [] },
    total: { fitWeight: 0.5, engagementWeight: 0.5 },
    grades: {
      fit: [{ grade: 'A', min: 75 }, { grade: 'B', min: 50 }, { grade: 'C', min: 25 }, { grade: 'D', min: 0 }],
      engagement: [{ grade: '1', min: 75 }, { grade: '2', min: 50 }, { grade: '3', min: 25 }, { grade: '4', min: 0 }],
    },
    stages: [{ label: 'SQL', min: 70 }, { label: 'MQL', min: 40 }],
  };
}

/** Immutable list helpers for the editor's onChange handlers. */
export const replaceAt = <T,>(list: readonly T[], i: number, item: T): T[] => list.map((x, j) => (j === i ? item : x));
export const removeAt = <T,>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

/** "Senior title (VP+)" → "senior_title_vp": an id as the engine accepts it, from a label. */
export function slugOf(label: string): string {
  const s = label.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48);
  return /^[a-z]/.test(s) ? s : `r_${s || 'rule'}`;
}

/**
 * The id a relabelled group or rule gets while ids are hidden: derived from the new label (unique in the model),
 * but only when the old id was itself derived (from the old label, or a fresh `rule_3`); a hand-set id stays.
 */
export function idForLabel(model: Model, current: { id: string; label: string }, label: string): string {
  const slug = slugOf(current.label);
  const derived = current.id === slug || current.id.startsWith(`${slug}_`) || /^(rule|group)_\d+$/.test(current.id);
  if (!derived) return current.id;
  const used = modelIds(model);
  used.delete(current.id);
  const stem = slugOf(label);
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) if (!used.has(`${stem}_${n}`)) return `${stem}_${n}`;
}
