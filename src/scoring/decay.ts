import type { Decay } from './model-schema.js';

/** Decay kinds as small integers: the evaluation loop switches on them per event. */
export const DecayCode = { None: 0, Linear: 1, HalfLife: 2, Window: 3 } as const;
export type DecayCode = (typeof DecayCode)[keyof typeof DecayCode];

/** A rule's decay, compiled: its kind and period in days (0 for none). */
export type CompiledDecay = { code: DecayCode; days: number };

export function compileDecay(decay: Decay | undefined): CompiledDecay {
  switch (decay?.kind) {
    case 'linear':
      return { code: DecayCode.Linear, days: decay.days };
    case 'halfLife':
      return { code: DecayCode.HalfLife, days: decay.days };
    case 'window':
      return { code: DecayCode.Window, days: decay.days };
    default:
      return { code: DecayCode.None, days: 0 };
  }
}

/**
 * The factor `f(age)` an event's points are multiplied by (SCORING-MODEL.md "Evaluation" 2); `age` is in days,
 * already 0 for an event in the future.
 * - none: 1; linear over D: max(0, 1 − age/D); halfLife H: 0.5^(age/H); window D: 1 while age ≤ D, then 0.
 */
export function decayFactor(code: DecayCode, days: number, age: number): number {
  switch (code) {
    case DecayCode.None:
      return 1;
    case DecayCode.Linear:
      return age >= days ? 0 : 1 - age / days;
    case DecayCode.HalfLife:
      return halvings(age / days);
    case DecayCode.Window:
      return age <= days ? 1 : 0;
  }
}

/** 2^−n for whole n, exact (index n); past 1074 halvings a double is 0. */
const POWERS = Float64Array.from({ length: 1075 }, (_, n) => 2 ** -n);

/**
 * 0.5^x for x ≥ 0, as 2^−⌊x⌋ · e^(−frac·ln 2). Exact at whole half-lives (0.5, 0.25…), as a hand calculation is,
 * and about five times faster than Math.pow, which matters: it runs for every decaying event of every contact.
 */
export function halvings(x: number): number {
  if (!(x < POWERS.length)) return x === x ? 0 : NaN; // Infinity (or NaN)
  const n = Math.floor(x);
  const frac = x - n;
  const whole = POWERS[n] as number;
  return frac === 0 ? whole : whole * Math.exp(-frac * Math.LN2);
}
