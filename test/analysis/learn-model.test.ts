import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../src/analysis/evaluate-model.js';
import { learnModel } from '../../src/analysis/learn-model.js';
import { rocAuc } from '../../src/analysis/roc-auc.js';
import { ValidationError } from '../../src/errors.js';
import { modelProperties, parseModel, type Model } from '../../src/scoring/index.js';
import { NOW, syntheticLeads } from './synthetic-leads.js';

const train = syntheticLeads(3000, 11);
const test = syntheticLeads(2000, 12);

function allRules(model: Model) {
  return [...model.fit.groups, ...model.engagement.groups].flatMap((g) => g.rules);
}

describe('learnModel', () => {
  const learnt = learnModel(train, { now: NOW, maxRules: 6 });

  it('learns a model the engine accepts, with at most maxRules rules of positive integer points', () => {
    expect(parseModel(learnt.model).ok).toBe(true);
    const rules = allRules(learnt.model);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.length).toBeLessThanOrEqual(6);
    for (const r of rules) {
      expect(Number.isInteger(r.points)).toBe(true);
      expect(r.points).toBeGreaterThan(0);
    }
  });

  it('ranks unseen contacts nearly as well as the true model does', () => {
    const truth = rocAuc(test.map((r) => r.trueLogit), test.map((r) => r.converted)).auc;
    const report = evaluateModel(learnt.model, test, NOW);
    expect(report.auc.auc).toBeGreaterThan(truth - 0.03);
  });

  it('leaves out the column that records the outcome and names it with its reasons', () => {
    const warning = learnt.leakage.find((w) => w.column === 'Closing Reason');
    expect(warning?.reasons.join(' ')).toMatch(/suspiciously pure/);
    expect(learnt.skipped).toContainEqual({ column: 'Closing Reason', reason: 'leakage' });
    expect(modelProperties(learnt.model)).not.toContain('Closing Reason');
  });

  it('keeps a leaky column when the user insists on it, or includes every leaky one', () => {
    const insisted = learnModel(train, { now: NOW, maxRules: 6, insist: ['closing reason'] });
    expect(modelProperties(insisted.model)).toContain('Closing Reason');
    expect(insisted.leakage.map((w) => w.column)).toContain('Closing Reason');
    const all = learnModel(train, { now: NOW, maxRules: 6, includeLeaky: true });
    expect(modelProperties(all.model)).toContain('Closing Reason');
  });

  it('places behaviour in engagement and attributes in fit, unless told otherwise', () => {
    const groupsOf = (m: Model, d: 'fit' | 'engagement') => m[d].groups.map((g) => g.label);
    expect(groupsOf(learnt.model, 'fit')).toContain('Plan');
    expect(groupsOf(learnt.model, 'engagement')).toContain('Number of visits');
    const moved = learnModel(train, { now: NOW, maxRules: 6, dimensions: { 'Number of visits': 'fit' } });
    expect(groupsOf(moved.model, 'fit')).toContain('Number of visits');
  });

  it('turns recent events into a capped event rule', () => {
    const eventRules = learnt.model.engagement.groups.flatMap((g) => g.rules).filter((r) => 'event' in r);
    expect(eventRules.length).toBeGreaterThan(0);
    for (const r of eventRules) {
      if (!('event' in r)) continue;
      expect(r.event.type).toBe('page_view');
      expect(r.withinDays).toBeLessThanOrEqual(30);
      expect(r.maxPoints).toBeGreaterThanOrEqual(r.points);
    }
  });

  it('proposes stages whose thresholds are ordered and reachable', () => {
    const stages = learnt.model.stages;
    expect(stages[0]?.label).toBe('SQL');
    for (let i = 1; i < stages.length; i++) expect(stages[i]!.min).toBeLessThan(stages[i - 1]!.min);
    expect(learnt.model.total.fitWeight + learnt.model.total.engagementWeight).toBeCloseTo(1, 2);
  });

  it('gives the same model for the same rows and options', () => {
    const again = learnModel(train, { now: NOW, maxRules: 6 });
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(learnt.model));
  });

  it('treats "Select" as unknown by default, and as a value when the tokens say so', () => {
    const unknownPlan = learnt.signals.find((s) => s.column === 'Plan' && s.label === 'Plan is unknown');
    const missing = train.filter((r) => r.properties.Plan === '' || r.properties.Plan === 'Select').length;
    expect(unknownPlan?.n).toBe(missing);
    const literal = learnModel(train, { now: NOW, maxRules: 6, unknownTokens: [''] });
    expect(literal.signals.some((s) => s.label === 'Plan is Select')).toBe(true);
  });

  it('rejects rows that all share one outcome, and invalid options by path', () => {
    expect(() => learnModel(train.map((r) => ({ ...r, converted: true })), { now: NOW })).toThrow(ValidationError);
    expect(() => learnModel(train, { now: NOW, maxRules: 0 })).toThrow(/maxRules/);
  });
});

describe('learnModel with the portal property labels', () => {
  it('writes rule and group labels with the property label, and conditions with the property name', () => {
    const { model, rules } = learnModel(train, { now: NOW, propertyLabels: { Plan: 'Subscription plan' } });
    const plan = model.fit.groups.find((g) => g.id === 'plan')!;
    expect(plan.label).toBe('Subscription plan');
    expect(plan.rules.every((r) => r.label.startsWith('Subscription plan '))).toBe(true);
    expect(modelProperties(model)).toContain('Plan');
    expect(rules.filter((r) => r.groupId === 'plan').length).toBe(plan.rules.length);
  });
});
