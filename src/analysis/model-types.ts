/** The engine's model and contact types, re-exported so the analysis names them in one place. */
export type { Condition, ContactInput, Group, Model, ModelInput, Rule, ScoringEvent } from '../scoring/index.js';
