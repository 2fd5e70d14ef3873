import { MODEL_LIMITS } from './limits.js';

/**
 * How a raw value (a HubSpot property, always a string or null, or an event attribute) is read before a
 * condition compares it (SCORING-MODEL.md "Conditions"): trimmed, and `""` counts as unknown.
 */

/**
 * The trimmed text of a value, or null when it is unknown (absent, null, empty or only spaces). Only the first
 * `MODEL_LIMITS.valueChars` characters are read: HubSpot text properties hold up to 65,536, and every condition's
 * cost (lower-casing, `contains`, a `matches` scan) grows with the length it reads.
 */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') {
    const v = value.length > MODEL_LIMITS.valueChars ? value.slice(0, MODEL_LIMITS.valueChars) : value;
    const t = v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32) ? v.trim() : v;
    return t.length === 0 ? null : t;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // An attribute holding a list (e.g. an event's `campaigns`) reads like a multi-select.
  if (Array.isArray(value)) return textOf(value.filter((v) => typeof v === 'string' || typeof v === 'number').join(';'));
  return null;
}

// A plain decimal: HubSpot number properties arrive as strings like "250" or "-3.5". Number() alone would
// also accept "0x1F", "Infinity" and "" (as 0), which no user means as a number.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a text holds, or NaN when it is not a plain decimal. */
export function numberOf(text: string): number {
  if (text.length === 0) return NaN;
  const c = text.charCodeAt(0);
  // Fast path for the common case of a short run of digits.
  if (text.length <= 15) {
    let n = 0;
    let i = 0;
    for (; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (i === text.length) return n;
  }
  if ((c < 48 || c > 57) && c !== 43 && c !== 45 && c !== 46) return NaN;
  return DECIMAL.test(text) ? Number(text) : NaN;
}

/**
 * The items of a lower-cased text: a multi-select value (`a;b;c`) counts as its items (trimmed, empty ones
 * dropped); any other value is one item.
 */
export function itemsOf(lower: string): string[] {
  if (lower.indexOf(';') < 0) return [lower];
  const items: string[] = [];
  for (const part of lower.split(';')) {
    const t = part.trim();
    if (t.length > 0) items.push(t);
  }
  return items;
}
