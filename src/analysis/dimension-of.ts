import type { Dimension } from './analysis-options.js';

/**
 * Words that mark a behavioural column (what the lead did: visits, time on site, page views, activity, email,
 * forms, chats, calls, downloads), which belongs to engagement; everything else describes who the lead is (fit).
 */
const BEHAVIOUR =
  /visit|time spent|time on|page ?views?|session|activit|e-?mail|\bforms?\b|click|\bopen|download|\bchat|\bsms\b|\bcalls?\b|meeting|webinar|engag|^last |num_|hs_analytics/i;

/** The dimension of a column: the caller's map first, then events → engagement, then the name heuristic. */
export function dimensionOf(column: string, overrides: Readonly<Record<string, Dimension>>): Dimension {
  const given = overrides[column];
  if (given) return given;
  if (column.startsWith('events:')) return 'engagement';
  return BEHAVIOUR.test(column) ? 'engagement' : 'fit';
}
