/**
 * The scoring engine's public API (pure: no I/O, no clock). See SCORING-MODEL.md for the format and semantics.
 *
 * Typical use: `parseModel(json)` once per model version → `compileModel(model)` → `evaluate(compiled, contact,
 * now)` per contact → `outputProperties(model, result, previous)` for the HubSpot write.
 */
export { ConditionSchema, LeafSchema, OPERATORS, type Condition, type Leaf, type Operator } from './condition-schema.js';
export {
  DecaySchema,
  DEFAULT_GRADES,
  DimensionSchema,
  EventRuleSchema,
  GradesSchema,
  GroupSchema,
  IdSchema,
  ModelSchema,
  PropertyRuleSchema,
  RuleSchema,
  StageSchema,
  TotalSchema,
  type Decay,
  type Dimension,
  type EventRule,
  type Grades,
  type Group,
  type Model,
  type ModelInput,
  type PropertyRule,
  type Rule,
  type Stage,
} from './model-schema.js';
export { parseModel, fatalLimitErrors, formatModelErrors, listWarnings, type ParseModelResult } from './parse-model.js';
export type { ModelError } from './format-issues.js';
export { ContactInputSchema, ScoringEventSchema, type ContactInput, type ScoringEvent } from './contact-schema.js';
export {
  BreakdownItemSchema,
  CapAdjustmentSchema,
  InScopeResultSchema,
  ScoreResultSchema,
  type BreakdownItem,
  type CapAdjustment,
  type InScopeResult,
  type ScoreResult,
} from './result-schema.js';
export { compileModel, type CompiledModel } from './compile-model.js';
export { evaluate } from './evaluate.js';
export { LOOKAHEAD_MS } from './next-change.js';
export { modelProperties } from './model-properties.js';
export {
  OUTPUT_PROPERTY_GROUP,
  PropertyDefinitionSchema,
  outputNames,
  outputProperties,
  outputPropertyDefinitions,
  reasonOf,
  type PropertyDefinition,
} from './outputs.js';
export { countedPoints } from './counted-points.js';
export { describeCondition } from './describe-condition.js';
export { modelWarnings, type KnownProperty, type WarningContext } from './model-warnings.js';
export { STANDARD_EVENT_TYPES, type StandardEventType } from './event-types.js';
export { parseDate, DAY_MS } from './dates.js';
export { roundScore, roundTenth } from './rounding.js';
export { MODEL_LIMITS } from './limits.js';
export { HUBSPOT_DEFAULT_CONTACT_PROPERTIES, isHubSpotProperty } from './reserved-properties.js';
