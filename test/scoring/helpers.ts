import {
  compileModel,
  DAY_MS,
  evaluate,
  parseModel,
  type Condition,
  type ContactInput,
  type InScopeResult,
  type Model,
  type ModelInput,
  type ScoringEvent,
} from '../../src/scoring/index.js';

/** The instant every test scores at: 2025-06-02T00:00:00Z. */
export const NOW = Date.parse('2025-06-02T00:00:00Z');
export const HOUR_MS = 3_600_000;
export { DAY_MS };

/** An ISO time `days` before NOW (negative: after). */
export const daysAgo = (days: number): string => new Date(NOW - days * DAY_MS).toISOString();

/** Parses a model, failing the test with the errors when it is invalid. */
export function model(input: Omit<ModelInput, 'id' | 'name' | 'fit' | 'engagement'> & Partial<ModelInput>): Model {
  const parsed = parseModel({ id: 'test', name: 'Test', fit: { groups: [] }, engagement: { groups: [] }, ...input });
  if (!parsed.ok) throw new Error(`test model invalid:\n${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return parsed.model;
}

/** A model whose only rule gives 10 fit points when `when` holds. */
export function propertyRuleModel(when: Condition, points = 10): Model {
  return model({ fit: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'Rule', points, when }] }] } });
}

type EventRuleInput = Record<string, unknown>;

/** A model whose only rule is the given event rule (in engagement). */
export function eventRuleModel(rule: EventRuleInput, extra: Partial<ModelInput> = {}): Model {
  return model({
    engagement: { groups: [{ id: 'g', label: 'G', rules: [{ id: 'r', label: 'Rule', points: 10, event: { type: 'page_view' }, ...rule } as never] }] },
    ...extra,
  });
}

/** Scores and asserts the contact is in scope. */
export function score(m: Model, properties: ContactInput['properties'] = {}, events: ScoringEvent[] = [], now = NOW): InScopeResult {
  const result = evaluate(compileModel(m), { properties, events }, now);
  if (!result.inScope) throw new Error('expected the contact to be in scope');
  return result;
}

/** Whether a condition holds for a contact whose property `p` has `value`. */
export function holds(when: Condition, value: string | null | undefined, now = NOW): boolean {
  return score(propertyRuleModel(when), value === undefined ? {} : { p: value }, [], now).fit === 10;
}
