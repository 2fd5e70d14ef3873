/**
 * The byte-level codec of the compact contact records (contact-record.ts): unsigned LEB128 varints, zig-zag
 * signed varints, strings either as a code of the portal's dictionary or inline, and typed values. A record holds
 * a contact's whole state in a few hundred bytes, so the per-value cost (one or two bytes for a small number or
 * an interned string) is what keeps Redis at a tenth of the memory the JSON layout took.
 */

/** A string's dictionary code (>0), or 0 when the string stays inline (unknown to the dictionary, or past its cap). */
export type Interner = (s: string) => number;

/** Value tags: one byte before each typed value. */
const enum Tag {
  Null = 0, Empty = 1, Uint = 2, NegInt = 3, Float = 4, Str = 5, IsoTime = 6, True = 7, False = 8, IntText = 9, Json = 10, IsoNear = 11, Ref = 12,
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Appends bytes; `bytes()` returns them as one Buffer. */
export class Writer {
  private chunks: number[] = [];
  private parts: Buffer[] = [];

  constructor(private readonly intern: Interner = () => 0) {}

  private flush(): void {
    if (this.chunks.length) this.parts.push(Buffer.from(this.chunks));
    this.chunks = [];
  }

  byte(b: number): void {
    this.chunks.push(b & 0xff);
  }

  /** An unsigned integer up to 2^53, 7 bits a byte. */
  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`record codec: ${n} is not an unsigned safe integer`);
    while (n >= 0x80) {
      this.chunks.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.chunks.push(n);
  }

  /** A signed safe integer (zig-zag: small magnitudes stay small). */
  int(n: number): void {
    if (!Number.isSafeInteger(n)) throw new Error(`record codec: ${n} is not a safe integer`);
    this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  raw(buf: Buffer): void {
    this.flush();
    this.parts.push(buf);
  }

  /** A string: its dictionary code when it has one (even varint), else inline (odd varint of its byte length). */
  str(s: string): void {
    const code = this.intern(s);
    if (code > 0) return this.uint(code * 2);
    const b = Buffer.from(s, 'utf8');
    this.uint(b.length * 2 + 1);
    this.raw(b);
  }

  /**
   * A JSON value with its type kept exactly (a number stays a number, `"58"` stays a string). `near`: a time the
   * value's ISO timestamps are likely close to (they are stored as a difference from it). `refs`: strings already
   * in the record that the value is likely to repeat (it is stored as their index).
   */
  value(v: unknown, near?: number, refs?: readonly string[]): void {
    if (v === null) return this.byte(Tag.Null);
    const ref = typeof v === 'string' && v !== '' && refs ? refs.indexOf(v) : -1;
    if (ref >= 0) {
      this.byte(Tag.Ref);
      return this.uint(ref);
    }
    if (v === true) return this.byte(Tag.True);
    if (v === false) return this.byte(Tag.False);
    if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) {
        this.byte(v >= 0 ? Tag.Uint : Tag.NegInt);
        return this.uint(Math.abs(v));
      }
      this.byte(Tag.Float);
      const b = Buffer.alloc(8);
      b.writeDoubleBE(v);
      return this.raw(b);
    }
    if (typeof v === 'string') {
      if (v === '') return this.byte(Tag.Empty);
      if (/^(0|[1-9]\d{0,14})$/.test(v)) {
        this.byte(Tag.IntText);
        return this.uint(Number(v));
      }
      if (ISO.test(v)) {
        const ms = Date.parse(v);
        if (Number.isSafeInteger(ms) && ms >= 0 && new Date(ms).toISOString() === v) {
          if (near !== undefined) {
            this.byte(Tag.IsoNear);
            return this.int(ms - near);
          }
          this.byte(Tag.IsoTime);
          return this.uint(ms);
        }
      }
      this.byte(Tag.Str);
      return this.str(v);
    }
    this.byte(Tag.Json);
    const b = Buffer.from(JSON.stringify(v) ?? 'null', 'utf8');
    this.uint(b.length);
    this.raw(b);
  }

  bytes(): Buffer {
    this.flush();
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
  }
}

/** Reads what a {@link Writer} wrote; `lookup` turns dictionary codes back into strings. */
export class Reader {
  pos: number;

  constructor(readonly buf: Buffer, private readonly lookup: (code: number) => string, start = 0, readonly end = buf.length) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  byte(): number {
    if (this.pos >= this.end) throw new Error('record codec: truncated record');
    return this.buf[this.pos++]!;
  }

  uint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
      if (mul > 2 ** 56) throw new Error('record codec: varint too long');
    }
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  raw(n: number): Buffer {
    if (this.pos + n > this.end) throw new Error('record codec: truncated record');
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  str(): string {
    const x = this.uint();
    if (x % 2 === 0) return this.lookup(x / 2);
    return this.raw((x - 1) / 2).toString('utf8');
  }

  value(near?: number, refs?: readonly string[]): unknown {
    const tag = this.byte();
    switch (tag) {
      case Tag.Null: return null;
      case Tag.True: return true;
      case Tag.False: return false;
      case Tag.Empty: return '';
      case Tag.Uint: return this.uint();
      case Tag.NegInt: return -this.uint();
      case Tag.Float: return this.raw(8).readDoubleBE(0);
      case Tag.Str: return this.str();
      case Tag.IntText: return String(this.uint());
      case Tag.IsoTime: return new Date(this.uint()).toISOString();
      case Tag.IsoNear: return new Date(this.int() + (near ?? 0)).toISOString();
      case Tag.Ref: {
        const i = this.uint();
        if (!refs || refs[i] === undefined) throw new Error(`record codec: reference ${i} to nothing`);
        return refs[i];
      }
      case Tag.Json: return JSON.parse(this.raw(this.uint()).toString('utf8')) as unknown;
      default: throw new Error(`record codec: unknown value tag ${tag}`);
    }
  }
}
