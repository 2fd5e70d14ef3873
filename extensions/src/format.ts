/** Display helpers shared by the card and the settings page. Pure. */

/** One decimal at most, no trailing ".0", a real minus sign: 18.25 → "18.3", 15 → "15", −55 → "−55". */
export function formatPoints(points: number): string {
  const rounded = Math.round(Math.abs(points) * 10) / 10;
  const text = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return points < 0 && rounded !== 0 ? `\u2212${text}` : text;
}

/** With a sign, as the breakdown shows contributions: "+15", "−5" (a real minus sign). */
export function formatSigned(points: number): string {
  const text = formatPoints(Math.abs(points));
  if (points > 0) return `+${text}`;
  return points < 0 ? `\u2212${text}` : text;
}

/** A rule's points, with the undecayed value when decay reduced it: "18.2 of 24". */
export function formatRulePoints(points: number, undecayed: number | null): string {
  return undecayed === null ? formatSigned(points) : `${formatPoints(points)} of ${formatPoints(undecayed)}`;
}

/**
 * A date-time in the portal's time zone ("Nov 22, 2026, 5:24 PM"); falls back to UTC when the zone is unknown
 * to the runtime, so a bad zone never breaks the card.
 */
export function formatDateTime(iso: string, timeZone?: string, locale = 'en-US'): string {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: timeZone ?? 'UTC' }).format(date);
  } catch {
    return `${new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(date)} UTC`;
  }
}

/** Why a rule matched, as the engine reports it (property values, or counted events). */
export type MatchInfo =
  | { kind: 'property'; values: Record<string, string | null> }
  | { kind: 'events'; count: number; newestAt: number; beforeCap: number };

/**
 * `jobtitle: VP Marketing` for property rules (unknown values say so); `2 events, newest Nov 18, 2026, 9:12 AM`
 * for event rules, plus the sum before the rule's own cap when the cap cut it.
 */
export function formatMatched(matched: MatchInfo, points: number, timeZone?: string): string {
  if (matched.kind === 'property') {
    const entries = Object.entries(matched.values);
    if (!entries.length) return 'always';
    return entries.map(([name, value]) => `${name}: ${value ?? 'unknown'}`).join('; ');
  }
  const events = `${matched.count} ${matched.count === 1 ? 'event' : 'events'}, newest ${formatDateTime(new Date(matched.newestAt).toISOString(), timeZone)}`;
  return Math.abs(matched.beforeCap) > Math.abs(points) ? `${events} (${formatPoints(matched.beforeCap)} before the rule's cap)` : events;
}
