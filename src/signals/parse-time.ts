/**
 * Reads a HubSpot time value as epoch ms. Webhooks send datetimes as epoch-ms strings; the CRM API returns ISO
 * 8601 (`2024-01-15T10:00:00.000Z`) and date-only properties as `2024-01-15` (midnight UTC). Anything else,
 * including an empty string (a cleared value), is `null`. A date-time without a zone is read as UTC so the
 * result never depends on the machine's time zone.
 */
export function parseTime(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.trunc(value) : null;
  const v = value.trim();
  if (v === '') return null;
  if (/^\d{1,16}$/.test(v)) return Number(v);
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return null;
  const iso = m[2] ? `${m[1]}T${m[2]}${m[3] ?? 'Z'}` : `${m[1]}T00:00:00Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}
