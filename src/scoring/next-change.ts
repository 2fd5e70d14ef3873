import { aggregate, aggregateProbe, freezeStaticGroups } from './aggregate.js';
import type { CompiledModel } from './compile-model.js';
import type { ContactInput } from './contact-schema.js';
import { DAY_MS } from './dates.js';
import { halvings } from './decay.js';
import { roundScore } from './rounding.js';
import { eventRuleValues, eventRuleValuesAgain, propertyRuleValues } from './rule-values.js';

/** How far past the start of a decaying stretch the search looks; past it the caller re-checks (a daily sweep). */
export const LOOKAHEAD_MS = DAY_MS;
const MIN_STEP_DAYS = 1000 / DAY_MS;
const MAX_STEPS = 64;
const MAX_HOPS = 16;
const CHECK_AFTER_STEPS = 4;

type Rounded = { fit: number; engagement: number; total: number };

/**
 * When a rounded output (fit, engagement, total, hence grade and stage, or being in scope) will next change
 * because time passes, for a contact whose inputs stay as they are. `c.scratch` must hold the rule values at
 * `now` (as `evaluate` leaves them).
 *
 * Time splits into segments at *boundaries*: an event leaving `withinDays` or a window, a linear decay reaching 0,
 * a future event starting to decay, a `withinDays` / `olderThanDays` property condition flipping. Inside a segment
 * each rule's value is a smooth monotone function of time (constant, `a·0.5^(t/H)` or `a − s·t`), so:
 * 1. if the outputs at both ends of the segment round the same (rounding and every cap are monotone), nothing
 *    changes inside it and the search re-evaluates exactly at the next boundary;
 * 2. otherwise it steps forward by the time the fastest possible decay needs to reach the nearest rounding edge
 *    (a sound lower bound: decay rates only slow down within a segment), at least 1 s per step.
 * The answer is never later than the true change by more than 1 s (the minimum step). It may be earlier, a
 * re-check time rather than a change, when the search stops: after 24 h of continuous decay with no change
 * (a daily sweep), or after 64 steps or 16 boundaries. Rescoring then simply asks again.
 * Null when no output can change any more as time passes.
 */
export function nextChangeAt(c: CompiledModel, contact: ContactInput, now: number, current: Rounded): number | null {
  if (!c.hasTimeDependence) return null;
  let start = now;
  for (let hop = 0; ; hop++) {
    const end = Math.min(c.scratch.boundary, propertyBoundary(c, start));
    const found = searchSegment(c, start, end, current);
    if (found !== null) return found;
    if (end === Infinity) return null;
    start = Math.floor(end) + 1; // a boundary is the last instant of a state: the next one starts 1 ms later
    if (hop === MAX_HOPS) return start;
    // Without a date condition on a property, the scope and the property rules hold at `start` as they did at
    // `now`: only the events are re-read (replayed from the pairs the pass at `now` recorded, when it could).
    if (c.propertyDates.length > 0) {
      c.properties.reset(contact.properties, start);
      if (c.scope !== null && !c.scope(c.properties)) return start;
      propertyRuleValues(c);
    }
    if (!eventRuleValuesAgain(c, contact, start)) eventRuleValues(c, contact, start);
    aggregate(c, c.scratch.value, c.scratch.scores);
    if (differs(c.scratch.scores, current)) return start;
  }
}

/** The earliest instant ≥ `from` at which a property date condition flips (Infinity when none). */
function propertyBoundary(c: CompiledModel, from: number): number {
  let b = Infinity;
  for (const leaf of c.propertyDates) {
    const t = c.properties.date(leaf.key) + leaf.days * DAY_MS;
    if (t >= from && t < b) b = t;
  }
  return b;
}

/** A change inside the segment [start, end] (or a re-check time), or null when none happens before `end`. */
function searchSegment(c: CompiledModel, start: number, end: number, current: Rounded): number | null {
  const s = c.scratch;
  if (!s.moving) return null;
  const limit = Math.min(end, start + LOOKAHEAD_MS);
  // `s.scores` and `s.rates` hold the outputs and rates at `start` (computeRuleValues, aggregate): the first safe
  // step needs no probe. Far from any rounding edge (the common case) it already clears the look-ahead.
  let days = Math.max(safeStep(c, s.rates, s.scores), MIN_STEP_DAYS);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (start + days * DAY_MS >= limit) return nothingBefore(c, start, limit, end, current);
    // Usually the steps close in on a change within a few probes; when they do not, ask once whether any change
    // is possible in the look-ahead at all (values moving in opposite directions, a cap holding).
    if (step === CHECK_AFTER_STEPS && !canChange(c, (limit - start) / DAY_MS, current)) return nothingBefore(c, start, limit, end, current);
    prepareProbes(c);
    probe(c, days, s.probeLo);
    aggregateProbe(c, s.probeLo, s.scores);
    if (differs(s.scores, current)) return Math.ceil(start + days * DAY_MS);
    days += Math.max(safeStep(c, s.rates, s.scores), MIN_STEP_DAYS);
  }
  return Math.ceil(start + days * DAY_MS);
}

/** No change before `limit`: null when that is the segment's end (the caller hops), else a re-check time. */
function nothingBefore(c: CompiledModel, start: number, limit: number, end: number, current: Rounded): number | null {
  if (limit === end) return null;
  return canChange(c, (end - start) / DAY_MS, current) ? limit : null;
}

/**
 * Probes rewrite only the moving rules (and groups): the others keep their value at the segment start
 * throughout, so they are filled in once, before the first probe (most searches need none).
 */
function prepareProbes(c: CompiledModel): void {
  const s = c.scratch;
  if (s.probesReady) return;
  s.probeLo.set(s.value);
  s.probeHi.set(s.value);
  freezeStaticGroups(c, s.value);
  s.probesReady = true;
}

/**
 * Each moving rule's value `days` after the segment start (within the segment), and into `s.rates` the fastest
 * each dimension can move at that moment (points per day): the step after this probe needs both, and the
 * half-life factor is the costly part, so it is computed once for the two. The other rules' entries in `out`
 * already hold their (fixed) values.
 */
function probe(c: CompiledModel, days: number, out: Float64Array): void {
  const s = c.scratch;
  let fitRate = 0;
  let engagementRate = 0;
  for (let k = 0; k < s.movingCount; k++) {
    const i = s.movingRules[k] as number;
    const rule = c.rules[i] as CompiledModel['rules'][number];
    const v = s.value[i] as number;
    const h = s.halfLifePart[i] as number;
    let rate: number;
    if (h !== 0) {
      const left = days === Infinity ? 0 : h * halvings(days / rule.decayDays);
      out[i] = v - h + left;
      rate = (Math.abs(left) * Math.LN2) / rule.decayDays;
    } else {
      const slope = s.slope[i] as number;
      out[i] = v - slope * days;
      rate = Math.abs(slope);
    }
    if (rule.dimension === 0) fitRate += rate;
    else engagementRate += rate;
  }
  s.rates[0] = fitRate;
  s.rates[1] = engagementRate;
}

/** Whether the rounded outputs can differ anywhere in the first `days` of the segment. */
function canChange(c: CompiledModel, days: number, current: Rounded): boolean {
  const s = c.scratch;
  prepareProbes(c);
  probe(c, days, s.probeHi);
  for (let k = 0; k < s.movingCount; k++) {
    const i = s.movingRules[k] as number;
    const a = s.value[i] as number;
    const b = s.probeHi[i] as number;
    s.probeLo[i] = Math.min(a, b);
    s.probeHi[i] = Math.max(a, b);
  }
  aggregateProbe(c, s.probeLo, s.scoresLo);
  aggregateProbe(c, s.probeHi, s.scoresHi);
  // Every step from rule values to outputs is monotone, so outputs stay between these two ends.
  return differs(s.scoresLo, current) || differs(s.scoresHi, current);
}

/** Days until any output could reach a rounding edge, given the fastest each dimension can move now. */
function safeStep(c: CompiledModel, rates: Float64Array, scores: Float64Array): number {
  const fitRate = rates[0] as number;
  const engagementRate = rates[1] as number;
  const { fitWeight, engagementWeight } = c.model.total;
  return Math.min(
    reach(scores[0] as number, fitRate),
    reach(scores[1] as number, engagementRate),
    reach(scores[2] as number, fitWeight * fitRate + engagementWeight * engagementRate),
  );
}

/** Days until `x`, moving at most `rate` per day, could round differently. */
function reach(x: number, rate: number): number {
  if (rate === 0) return Infinity;
  const r = roundScore(x);
  const edge = Math.min(r + 0.5 - 1e-9 - x, x - (r - 0.5 - 1e-9)) - 1e-9;
  return Math.max(edge, 0) / rate;
}

function differs(scores: Float64Array, current: Rounded): boolean {
  return (
    roundScore(scores[0] as number) !== current.fit ||
    roundScore(scores[1] as number) !== current.engagement ||
    roundScore(scores[2] as number) !== current.total
  );
}
