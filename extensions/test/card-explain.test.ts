import { describe, expect, it } from 'vitest';
import { capText, decayText, totalArithmetic } from '../src/card/explain.js';
import { pointLabels } from '../src/card/ScoreTrend.js';

const dim = (score: number) => ({ score, max: 100, grade: 'C' });

describe('totalArithmetic', () => {
  it('uses "=" when the shown parts give the total exactly, and the weights as percentages', () => {
    expect(totalArithmetic({ total: 37, fit: dim(40), engagement: dim(30), weights: { fit: 0.7, engagement: 0.3 } })).toBe('37 = 70% × fit 40 + 30% × engagement 30');
  });

  it('uses "≈" when rounding fit and engagement moved the shown parts off the total', () => {
    // fit 40.6 → 41, engagement 21.6 → 22: the engine's total 0.5 × 40.6 + 0.5 × 21.6 = 31.1 → 31; the parts give 31.5.
    expect(totalArithmetic({ total: 31, fit: dim(41), engagement: dim(22), weights: { fit: 0.5, engagement: 0.5 } }))
      .toBe('31 ≈ 50% × fit 41 + 50% × engagement 22 (computed before fit and engagement are rounded)');
    expect(totalArithmetic({ total: 31, fit: dim(41), engagement: dim(22) })).toBeNull();
  });
});

describe('capText', () => {
  it('words group caps and floors as what they are', () => {
    expect(capText({ groupId: 'dq', label: 'Disqualifiers', before: -60, after: -50 })).toBe('Floor: Disqualifiers counts at least \u221250 (rules sum to \u221260)');
    expect(capText({ groupId: null, label: 'Fit', before: 110, after: 100 })).toBe("Cap: Fit can't go above 100 (rules sum to 110)");
  });
});

describe('decayText', () => {
  const at = '2026-11-20T12:00:00.000Z';
  it('explains linear decay, an event hours old and one still ahead', () => {
    expect(decayText({ decay: { kind: 'linear', days: 60 }, withinDays: null }, Date.parse('2026-11-20T07:00:00Z'), at)).toBe('fades to 0 over 60 days · newest 5 hours ago');
    expect(decayText({ decay: { kind: 'linear', days: 45 }, withinDays: null }, Date.parse('2026-11-27T07:00:00Z'), at)).toBe('fades to 0 over 45 days · newest still ahead (counts in full)');
  });
  it('says nothing for a rule that neither decays nor has a window', () => {
    expect(decayText({ decay: { kind: 'none', days: null }, withinDays: null }, 0, at)).toBe('');
  });
});

describe('pointLabels', () => {
  it('labels points by day, adding the time where a day repeats', () => {
    expect(pointLabels(['2026-12-06T09:00:00Z', '2026-12-06T15:30:00Z', '2026-12-08T10:00:00Z'], 'UTC')).toEqual(['Dec 6, 9:00 AM', 'Dec 6, 3:30 PM', 'Dec 8']);
    expect(pointLabels(['2026-12-06T09:00:00Z', '2026-12-06T09:00:10Z'], 'UTC')).toEqual(['Dec 6, 9:00 AM', 'Dec 6, 9:00 AM (2)']);
  });
});
