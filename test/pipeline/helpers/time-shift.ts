/**
 * Recorded fixtures carry the times they were recorded at; scores decay with age, so a test moves every time in
 * a fixture by the same amount (relative order and gaps kept): `occurredAt` numbers, epoch-ms strings and ISO
 * datetimes. Everything else (ids, values, shape) stays exactly as recorded.
 */
export function shiftTimes<T>(value: T, deltaMs: number): T {
  return walk(value, deltaMs) as T;
}

function walk(v: unknown, d: number, key?: string): unknown {
  if (Array.isArray(v)) return v.map((x) => walk(x, d));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, d, k)]));
  if (typeof v === 'number' && key === 'occurredAt') return v + d;
  if (typeof v === 'string' && /^\d{13}$/.test(v)) return String(Number(v) + d);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v)) return new Date(Date.parse(v) + d).toISOString();
  return v;
}
