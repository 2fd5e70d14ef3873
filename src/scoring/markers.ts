/**
 * Messages that tag the model's unions, so `formatIssues` can tell which union failed and report only the errors
 * of the alternative the user meant (zod reports every alternative's errors, which reads as noise).
 */
export const CONDITION_UNION = '\u0000condition';
export const RULE_UNION = '\u0000rule';
