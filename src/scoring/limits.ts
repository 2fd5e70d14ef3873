/**
 * The published size limits of a model (docs/scoring-model.md "Limits"). Whatever validates must evaluate in
 * bounded time: the engine's cost per contact grows with the number of conditions, the size of each compiled
 * pattern and the length of the values they read, so each of those is bounded here. Every realistic model fits
 * with room (the starter model uses 14 rules, 16 conditions, depth 1 and one pattern of 39 instructions).
 */
export const MODEL_LIMITS = {
  /** The model document as JSON (UTF-8). */
  documentBytes: 262_144,
  /** Any JSON nesting in the document (objects and arrays); checked before anything recursive reads it. */
  jsonDepth: 64,
  /** Groups in both dimensions together. */
  groups: 100,
  /** Rules in both dimensions together. */
  rules: 200,
  /** Condition nodes (leaves and `all` / `any` / `not`) in every rule, event filter and the scope together. */
  conditions: 500,
  /** `all` / `any` / `not` levels above a leaf. */
  conditionDepth: 12,
  /** Distinct contact properties the rules and the scope read (each is fetched from HubSpot and read per contact). */
  properties: 100,
  /** Condition nodes in event filters (`where`) together: each is tested against every event of its type. */
  whereConditions: 40,
  /** Items of one `in` / `notIn` list. */
  listItems: 1_000,
  /** Characters of one text a condition compares with (`eq`, `contains`, an `in` item…): no more than a value holds. */
  textChars: 256,
  /** Characters of one `matches` pattern. */
  patternChars: 300,
  /** Instructions of one compiled `matches` pattern (RE2's program size). */
  patternProgram: 100,
  /**
   * The patterns of the model together: each costs its program size plus a fixed `patternCost` (RE2 in JavaScript
   * costs ~0.1 µs per character even for a one-instruction pattern).
   */
  patternBudget: 300,
  patternCost: 20,
  /** A pattern in an event filter (`where`) counts this many times: it runs once per event of its type. */
  wherePatternFactor: 5,
  /** Grade bands per dimension, and stages. */
  bands: 20,
  /** Characters of a value a condition reads: the rest of a longer value (HubSpot text holds 65,536) is ignored. */
  valueChars: 256,
} as const;
