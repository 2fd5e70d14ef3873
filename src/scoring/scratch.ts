/** Per-rule working values of one evaluation, reused across evaluations (evaluate allocates no scratch). */
export type Scratch = {
  /** Decayed sum before the rule's cap (property rule: points or 0). */
  value: Float64Array;
  /** Matching events counted (property rule: 1 when `when` held). */
  count: Float64Array;
  newest: Float64Array;
  /** Σ points of the counted events: the rule's value with no decay. */
  undecayed: Float64Array;
  /** The part of `value` decaying by half-life now, and the linear decay rate (points per day). */
  halfLifePart: Float64Array;
  slope: Float64Array;
  /** Earliest instant (epoch ms) after which an event's window or decay phase changes; Infinity when none. */
  boundary: number;
  /** Whether some rule's value is decaying continuously (a half-life part or a linear slope). */
  moving: boolean;
  /** The indices of the rules whose value moves (`movingRules[0…movingCount − 1]`, model order). */
  movingRules: Int32Array;
  movingCount: number;
  /** Per group: whether a rule of it moves, and else its value after the group cap (fixed while searching). */
  groupMoving: Uint8Array;
  groupValue: Float64Array;
  /** Whether `probeLo` / `probeHi` and the frozen groups are filled in for the current rule values. */
  probesReady: boolean;
  /** Rule values probed by `nextChangeAt` (at an instant, or the low / high ends over a span). */
  probeLo: Float64Array;
  probeHi: Float64Array;
  /** Fastest possible movement of `[fit, engagement]` in points per day, at the last probe. */
  rates: Float64Array;
  /** `[fit, engagement, total]` unrounded: now, then the two probes. */
  scores: Float64Array;
  scoresLo: Float64Array;
  scoresHi: Float64Array;
  /**
   * The (event time, rule index) pairs the last event pass let through `where`, in order (`0…pairCount − 1`), and
   * the contact they belong to (null when they cannot be replayed).
   */
  pairAt: Float64Array;
  pairRule: Int32Array;
  pairCount: number;
  pairsOf: object | null;
};

/** Fresh scratch for a model of `n` rules in `groups` groups. */
export function createScratch(n: number, groups: number): Scratch {
  return {
    value: new Float64Array(n),
    count: new Float64Array(n),
    newest: new Float64Array(n),
    undecayed: new Float64Array(n),
    halfLifePart: new Float64Array(n),
    slope: new Float64Array(n),
    boundary: Infinity,
    moving: false,
    movingRules: new Int32Array(n),
    movingCount: 0,
    probesReady: false,
    groupMoving: new Uint8Array(groups),
    groupValue: new Float64Array(groups),
    probeLo: new Float64Array(n),
    probeHi: new Float64Array(n),
    rates: new Float64Array(2),
    scores: new Float64Array(3),
    scoresLo: new Float64Array(3),
    scoresHi: new Float64Array(3),
    pairAt: new Float64Array(64),
    pairRule: new Int32Array(64),
    pairCount: 0,
    pairsOf: null,
  };
}
