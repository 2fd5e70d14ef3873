import type { CompiledModel, CompiledRule } from './compile-model.js';
import type { ContactInput } from './contact-schema.js';
import { DAY_MS, parseDate } from './dates.js';
import { decayFactor, DecayCode } from './decay.js';

/**
 * Computes every rule's value at `now` into `c.scratch` (SCORING-MODEL.md "Evaluation" 1–2), plus what
 * `nextChangeAt` needs: the half-life part and linear slope of each rule, and the next instant at which an event
 * leaves a window or starts decaying. The contact's properties must already be loaded into `c.properties`.
 */
export function computeRuleValues(c: CompiledModel, contact: ContactInput, now: number): void {
  propertyRuleValues(c);
  eventRuleValues(c, contact, now);
}

/**
 * The property rules' values. They depend on time only through `withinDays` / `olderThanDays` leaves, so
 * `nextChangeAt` keeps them across instants when the model has none (their slots are written only here).
 */
export function propertyRuleValues(c: CompiledModel): void {
  const s = c.scratch;
  const props = c.properties;
  for (const rule of c.propertyRules) {
    const i = rule.index;
    const hit = rule.when?.(props) === true;
    s.value[i] = hit ? rule.points : 0;
    s.undecayed[i] = hit ? rule.points : 0;
    s.count[i] = hit ? 1 : 0;
    s.newest[i] = -Infinity;
    s.halfLifePart[i] = 0;
    s.slope[i] = 0;
  }
}

/**
 * The event rules' values at `now`, in one pass over the events: only events of a type some rule reads are looked
 * at, and each one's time is parsed at most once. Then the rates and moving rules `nextChangeAt` starts from.
 *
 * The pass also records, in order, each (event time, rule) pair whose `where` held and whose time was read:
 * without a date leaf in any `where`, those are the only pairs that can count at a later instant (ages only grow,
 * `where` does not depend on time), so `nextChangeAt`'s later re-evaluations of the same contact
 * ({@link eventRuleValuesAgain}) replay them, in the same order with the same arithmetic, instead of re-reading
 * every event.
 */
export function eventRuleValues(c: CompiledModel, contact: ContactInput, now: number): void {
  const s = c.scratch;
  clearEventRules(c);
  const reader = c.events;
  reader.now = now;
  let boundary = Infinity;
  const types = c.eventTypes;
  const lists = c.eventRuleLists;
  let pairs = 0;
  for (const event of contact.events) {
    // A model reads a handful of event types: comparing them beats a Map look-up.
    const type = event.type;
    let rules: CompiledRule[] | undefined;
    for (let k = 0; k < types.length; k++) {
      if (types[k] === type) {
        rules = lists[k];
        break;
      }
    }
    if (rules === undefined) continue;
    reader.event = event;
    // A time in epoch ms (as the ledger stores it) is read at once, so an event too old to count (or past its
    // linear decay or window) skips `where`. A string is parsed only once a `where` accepted the event: most page
    // views are not the pricing page.
    const raw = event.at;
    let at = typeof raw === 'number' && raw - raw === 0 ? raw : NaN; // finite numbers only
    let age = at > now ? 0 : (now - at) / DAY_MS;
    for (const rule of rules) {
      // A `where` on an attribute's date (rare) can flip as time passes, whether it holds now or not.
      if (rule.whereDates.length > 0) boundary = Math.min(boundary, whereBoundary(rule.whereDates, reader, now));
      if (age > rule.skipAfter || age >= rule.skipFrom) continue;
      if (rule.where !== null && !rule.where(reader)) continue;
      if (age !== age) {
        at = parseDate(raw);
        if (at !== at) break; // an event without a readable time cannot be aged: ignored
        age = at > now ? 0 : (now - at) / DAY_MS;
      }
      if (pairs === s.pairAt.length) growPairs(s);
      s.pairAt[pairs] = at;
      s.pairRule[pairs++] = rule.index;
      boundary = addEvent(c, rule, at, age, now, boundary);
    }
  }
  s.pairCount = pairs;
  s.pairsOf = c.hasWhereDates ? null : contact;
  finish(c, boundary);
}

/**
 * {@link eventRuleValues} at a later instant `now` for the contact it last read, from the pairs it recorded; false
 * (nothing done) when they cannot stand for the events (another contact, or a `where` with a date leaf).
 */
export function eventRuleValuesAgain(c: CompiledModel, contact: ContactInput, now: number): boolean {
  const s = c.scratch;
  if (s.pairsOf !== contact) return false;
  clearEventRules(c);
  let boundary = Infinity;
  for (let k = 0; k < s.pairCount; k++) {
    const rule = c.rules[s.pairRule[k] as number] as CompiledRule;
    const at = s.pairAt[k] as number;
    const age = at > now ? 0 : (now - at) / DAY_MS;
    if (age > rule.skipAfter || age >= rule.skipFrom) continue;
    boundary = addEvent(c, rule, at, age, now, boundary);
  }
  finish(c, boundary);
  return true;
}

function clearEventRules(c: CompiledModel): void {
  const s = c.scratch;
  for (const rule of c.eventRules) {
    const i = rule.index;
    s.value[i] = 0;
    s.count[i] = 0;
    s.newest[i] = -Infinity;
    s.undecayed[i] = 0;
    s.halfLifePart[i] = 0;
    s.slope[i] = 0;
  }
  s.moving = false;
}

/** Adds one event of known time that passed `where` to its rule; returns the boundary, lowered if need be. */
function addEvent(c: CompiledModel, rule: CompiledRule, at: number, age: number, now: number, boundary: number): number {
  const s = c.scratch;
  if (age > rule.withinDays) return boundary;
  // After `where`: a half-life factor costs an exp, and most events a `where` reads do not pass it.
  const f = decayFactor(rule.decay, rule.decayDays, age);
  if (f <= 0) return boundary;
  const i = rule.index;
  const p = rule.points;
  s.value[i] = (s.value[i] as number) + p * f;
  s.undecayed[i] = (s.undecayed[i] as number) + p;
  s.count[i] = (s.count[i] as number) + 1;
  if (at > (s.newest[i] as number)) s.newest[i] = at;
  // Instants after which this event's contribution stops being a smooth function of time.
  if (rule.withinDays !== Infinity) boundary = Math.min(boundary, at + rule.withinDays * DAY_MS);
  if (rule.decay === DecayCode.Window || rule.decay === DecayCode.Linear) boundary = Math.min(boundary, at + rule.decayDays * DAY_MS);
  if (at > now) {
    if (rule.decay !== DecayCode.None) boundary = Math.min(boundary, at);
  } else if (rule.decay === DecayCode.HalfLife) {
    s.halfLifePart[i] = (s.halfLifePart[i] as number) + p * f;
    if (p !== 0) s.moving = true;
  } else if (rule.decay === DecayCode.Linear) {
    s.slope[i] = (s.slope[i] as number) + p / rule.decayDays;
    if (p !== 0) s.moving = true;
  }
  return boundary;
}

function finish(c: CompiledModel, boundary: number): void {
  const s = c.scratch;
  s.boundary = boundary;
  s.probesReady = false;
  s.movingCount = 0;
  if (s.moving) startRates(c);
  else s.rates.fill(0);
}

function growPairs(s: CompiledModel['scratch']): void {
  const at = new Float64Array(s.pairAt.length * 2);
  at.set(s.pairAt);
  s.pairAt = at;
  const rule = new Int32Array(s.pairRule.length * 2);
  rule.set(s.pairRule);
  s.pairRule = rule;
}

/**
 * How fast each dimension can move right now (points per day), `nextChangeAt`'s first step, and the list of rules
 * whose value moves (a half-life part or a slope), so its probes skip the rest.
 */
function startRates(c: CompiledModel): void {
  const s = c.scratch;
  let fitRate = 0;
  let engagementRate = 0;
  let n = 0;
  for (const rule of c.eventRules) {
    const i = rule.index;
    const h = s.halfLifePart[i] as number;
    const slope = s.slope[i] as number;
    if (h === 0 && slope === 0) continue; // rate 0: adding it would change no sum
    s.movingRules[n++] = i;
    const rate = (Math.abs(h) * Math.LN2) / (rule.decayDays || 1) + Math.abs(slope);
    if (rule.dimension === 0) fitRate += rate;
    else engagementRate += rate;
  }
  s.movingCount = n;
  s.rates[0] = fitRate;
  s.rates[1] = engagementRate;
}

/** The next instant after `now` at which one of a `where`'s date leaves may flip for the current event. */
function whereBoundary(leaves: { key: string; days: number }[], reader: { date(k: string): number }, now: number): number {
  let b = Infinity;
  for (const leaf of leaves) {
    const t = reader.date(leaf.key) + leaf.days * DAY_MS;
    if (t >= now && t < b) b = t;
  }
  return b;
}
