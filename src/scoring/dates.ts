/** One day in milliseconds: ages, `withinDays` and decay periods are measured in (fractional) days. */
export const DAY_MS = 86_400_000;

const EPOCH_MS = /^-?\d{1,16}$/;

/**
 * Parses a date the way SCORING-MODEL.md allows it: ISO 8601 (`2024-05-01`, `2024-05-01T09:30:00Z`,
 * `…+02:00`) or epoch milliseconds (a number, or a string of digits as HubSpot sends date properties).
 * Returns epoch ms, or NaN when the value is not a date.
 *
 * Hand-written rather than `Date.parse`: `Date.parse` accepts engine-specific formats and reads an ISO date-time
 * without an offset in the machine's time zone, and evaluation must give the same result on every machine. A
 * date-time without an offset is read as UTC (HubSpot's own convention). Also several times faster, which
 * matters because every event's `at` is parsed on every evaluation.
 */
export function parseDate(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const s = value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
  const c0 = s.charCodeAt(0);
  if (s.length < 10 || s.charCodeAt(4) !== 45 /* - */) {
    return (c0 === 45 || (c0 >= 48 && c0 <= 57)) && EPOCH_MS.test(s) ? Number(s) : NaN;
  }
  return parseIso(s);
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Two decimal digits at `i`, or NaN. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? NaN : a * 10 + b;
}

function parseIso(s: string): number {
  // Fast path for what the sync and JSON.stringify produce: `YYYY-MM-DDTHH:MM:SSZ` / `…:SS.sssZ`.
  const n = s.length;
  if (
    (n === 24 || n === 20) &&
    s.charCodeAt(n - 1) === 90 &&
    s.charCodeAt(10) === 84 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58 &&
    (n === 20 || s.charCodeAt(19) === 46)
  ) {
    const year = two(s, 0) * 100 + two(s, 2);
    const month = two(s, 5);
    const day = two(s, 8);
    const hour = two(s, 11);
    const minute = two(s, 14);
    const second = two(s, 17);
    const third = s.charCodeAt(22) - 48;
    const milli = n === 20 ? 0 : third >>> 0 > 9 ? NaN : two(s, 20) * 10 + third;
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59 && milli >= 0)) return NaN;
    return daysFromCivil(year, month, day) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + milli;
  }
  const year = num(s, 0, 4);
  const month = num(s, 5, 7);
  const day = num(s, 8, 10);
  if (s.charCodeAt(7) !== 45 || !(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return NaN;
  let ms = daysFromCivil(year, month, day) * DAY_MS;
  if (s.length === 10) return ms;
  const sep = s.charCodeAt(10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return NaN;
  const hour = num(s, 11, 13);
  const minute = num(s, 14, 16);
  if (s.charCodeAt(13) !== 58 || !(hour <= 23) || !(minute <= 59)) return NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (s.charCodeAt(i) === 58 /* : */) {
    const second = num(s, i + 1, i + 3);
    if (!(second <= 59)) return NaN;
    ms += second * 1000;
    i += 3;
    if (s.charCodeAt(i) === 46 /* . */ || s.charCodeAt(i) === 44 /* , */) {
      let j = i + 1;
      let frac = 0;
      let scale = 100;
      while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) {
        frac += (s.charCodeAt(j) - 48) * scale; // digits past milliseconds are truncated
        scale /= 10;
        j++;
      }
      if (j === i + 1 || j - i - 1 > 9) return NaN;
      ms += Math.floor(frac);
      i = j;
    }
  }
  if (i === s.length) return ms;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === s.length) return ms; // Z
  if (z !== 43 && z !== 45) return NaN;
  const oh = num(s, i + 1, i + 3);
  let om = 0;
  const rest = s.length - (i + 3);
  if (rest === 3 && s.charCodeAt(i + 3) === 58) om = num(s, i + 4, i + 6);
  else if (rest === 2) om = num(s, i + 3, i + 5);
  else if (rest !== 0) return NaN;
  if (!(oh <= 23) || !(om <= 59)) return NaN;
  const offset = (oh * 60 + om) * 60_000;
  return z === 43 ? ms - offset : ms + offset;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm; exact, no Date object). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
