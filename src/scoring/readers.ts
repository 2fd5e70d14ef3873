import { parseDate } from './dates.js';
import { itemsOf, numberOf, textOf } from './values.js';

/**
 * How a compiled condition reads a value: as trimmed text (null = unknown), lower-cased text, a number, a date
 * (epoch ms) or multi-select items. `K` is how a value is addressed: a slot number for the contact's properties,
 * an attribute name for an event.
 */
export interface ValueReader<K> {
  /** Evaluation time, epoch ms (for `withinDays` / `olderThanDays`). */
  readonly now: number;
  text(key: K): string | null;
  lower(key: K): string | null;
  num(key: K): number;
  date(key: K): number;
  items(key: K): string[] | null;
}

/**
 * Reads a contact's properties by slot (one slot per property the model reads), converting each at most once per
 * evaluation: several rules on `jobtitle` trim and lower-case it once. Reset per contact; the stamps make
 * resetting O(1) instead of clearing every cache.
 */
export class PropertyReader implements ValueReader<number> {
  now = 0;
  private properties: Record<string, unknown> = {};
  private generation = 0;
  private readonly texts: (string | null)[];
  private readonly lowers: (string | null)[];
  private readonly numbers: Float64Array;
  private readonly dates: Float64Array;
  private readonly lists: (string[] | null)[];
  private readonly stamps: Float64Array;

  constructor(readonly names: readonly string[]) {
    const n = names.length;
    this.texts = new Array<string | null>(n).fill(null);
    this.lowers = new Array<string | null>(n).fill(null);
    this.lists = new Array<string[] | null>(n).fill(null);
    this.numbers = new Float64Array(n);
    this.dates = new Float64Array(n);
    // Five stamps per slot: text, lower, number, date, items.
    this.stamps = new Float64Array(n * 5);
  }

  reset(properties: Record<string, unknown>, now: number): void {
    this.properties = properties;
    this.now = now;
    this.generation++;
  }

  private fresh(slot: number, kind: number): boolean {
    const i = slot * 5 + kind;
    if (this.stamps[i] === this.generation) return true;
    this.stamps[i] = this.generation;
    return false;
  }

  text(slot: number): string | null {
    if (!this.fresh(slot, 0)) {
      // No hasOwn check needed: an inherited member (`constructor`, `__proto__`) is not a string, so textOf says null.
      this.texts[slot] = textOf(this.properties[this.names[slot] as string]);
    }
    return this.texts[slot] ?? null;
  }

  lower(slot: number): string | null {
    if (!this.fresh(slot, 1)) this.lowers[slot] = this.text(slot)?.toLowerCase() ?? null;
    return this.lowers[slot] ?? null;
  }

  num(slot: number): number {
    if (!this.fresh(slot, 2)) {
      const t = this.text(slot);
      this.numbers[slot] = t === null ? NaN : numberOf(t);
    }
    return this.numbers[slot] as number;
  }

  date(slot: number): number {
    if (!this.fresh(slot, 3)) {
      const t = this.text(slot);
      this.dates[slot] = t === null ? NaN : parseDate(t);
    }
    return this.dates[slot] as number;
  }

  items(slot: number): string[] | null {
    if (!this.fresh(slot, 4)) {
      const l = this.lower(slot);
      this.lists[slot] = l === null ? null : itemsOf(l);
    }
    return this.lists[slot] ?? null;
  }
}

/**
 * Reads the attributes of the event being tested (an event rule's `where`). Every rule of the event's type reads
 * the same event, so the lower-cased text of each attribute is kept until the next event.
 */
export class EventReader implements ValueReader<string> {
  now = 0;
  private current: Record<string, unknown> = {};
  private readonly lowers = new Map<string, string | null>();

  get event(): Record<string, unknown> {
    return this.current;
  }

  set event(event: Record<string, unknown>) {
    if (event !== this.current) {
      this.current = event;
      this.lowers.clear();
    }
  }

  text(attribute: string): string | null {
    return textOf(this.current[attribute]);
  }

  lower(attribute: string): string | null {
    let l = this.lowers.get(attribute);
    if (l === undefined) this.lowers.set(attribute, (l = this.text(attribute)?.toLowerCase() ?? null));
    return l;
  }

  num(attribute: string): number {
    const v = this.current[attribute];
    if (typeof v === 'number') return Number.isFinite(v) ? v : NaN;
    const t = this.text(attribute);
    return t === null ? NaN : numberOf(t);
  }

  date(attribute: string): number {
    return parseDate(this.current[attribute]);
  }

  items(attribute: string): string[] | null {
    const l = this.lower(attribute);
    return l === null ? null : itemsOf(l);
  }
}
