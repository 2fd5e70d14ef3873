/** Counting words for the settings page: thousands separators and a plural that agrees with the number. */

/** 9244 → "9,244" (en-US grouping, as HubSpot's English UI writes counts). */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** `plural(1, 'rule')` → "1 rule", `plural(9244, 'contact')` → "9,244 contacts"; irregular plurals passed in. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
