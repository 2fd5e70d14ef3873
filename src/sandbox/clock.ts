/**
 * The sandbox's sense of time. Token expiry, rate-limit windows, property history and seeding read it, so tests
 * can move time forward instead of sleeping. Webhook request timestamps do not use it: they stand for HubSpot's
 * transport time, which the receiving app checks against its own clock.
 */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to (tests). */
export function manualClock(start: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => { t += ms; },
    set: (ms) => { t = ms; },
  };
}
