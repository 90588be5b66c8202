// Strings as codes: interned in order of first appearance, trimmed, ids given as numbers
// read as their decimal text. An Arrow UTF-8 vector read from its bytes: utf8-codes.ts.

/** Code of a cell with no value (null, undefined, NaN, a blank string). */
export const MISSING = -1;
/** Code of a cell whose value is no text (an object, a boolean, a Date). */
export const NOT_TEXT = -2;

/** Bit i of an Arrow validity bitmap (no bitmap: every cell is valid). */
export function isValid(validity: Uint8Array | undefined, i: number): boolean {
  return validity === undefined || (validity[i >> 3] & (1 << (i & 7))) !== 0;
}

/**
 * Strings interned as codes in order of first appearance, trimmed; ids that arrive
 * as numbers are their decimal text (so 7 and '7' are one id), as `toText` reads them.
 */
export class TextCodes {
  private list: string[] = [];
  /**
   * Codes 0…count-1 whose strings are not made yet (`make` makes them): ids read from
   * Arrow bytes, which no metric may ever show (ticket ids), or not before a join.
   */
  private pending?: { count: number; make: () => string[] };
  /** Value → code, made on first use: a column read from Arrow bytes may never need it. */
  private map?: Map<string, number>;
  /** Strings that are not their own trimmed form, to the code of that form. */
  private readonly padded = new Map<string, number>();
  private readonly numbers = new Map<number, number>();

  /** The strings by code (made now if they were deferred). */
  get values(): string[] {
    if (this.pending) {
      this.list = this.pending.make();
      this.pending = undefined;
    }
    return this.list;
  }

  /** Whether the strings are still deferred (not made yet). */
  get deferred(): boolean {
    return this.pending !== undefined;
  }

  /** How many codes there are, without making deferred strings. */
  get size(): number {
    return this.pending ? this.pending.count : this.list.length;
  }

  /**
   * Takes `count` strings, made by `make` when first asked, as the codes 0… of an
   * instance that has no codes but (deferred) ones taken this way before, which they
   * extend: distinct strings, each its own trimmed, non-blank form.
   */
  defer(count: number, make: () => string[]): void {
    if (!this.deferrable()) throw new Error('TextCodes.defer: codes given already');
    this.pending = { count, make };
  }

  /** Whether `defer` may be called: no code given but deferred ones. */
  deferrable(): boolean {
    return this.list.length === 0 && this.map === undefined && this.numbers.size === 0 && this.padded.size === 0;
  }

  get index(): ReadonlyMap<string, number> {
    return this.lookup();
  }

  private lookup(): Map<string, number> {
    if (!this.map) {
      this.map = new Map();
      this.values.forEach((v, c) => this.map!.set(v, c));
    }
    return this.map;
  }

  code(v: unknown): number {
    if (typeof v === 'string') {
      const c = this.lookup().get(v);
      if (c !== undefined) return c;
      return this.fresh(v);
    }
    if (v === null || v === undefined) return MISSING;
    if (typeof v === 'number') {
      if (v !== v) return MISSING;
      let c = this.numbers.get(v);
      if (c === undefined) {
        c = this.intern(String(v));
        this.numbers.set(v, c);
      }
      return c;
    }
    if (typeof v === 'bigint') return this.intern(String(v));
    return NOT_TEXT;
  }

  /**
   * The code of a string known to differ from every string given before (distinct bytes):
   * no lookup unless it needs trimming or a lookup already exists.
   */
  distinct(v: string): number {
    if (this.map || v === '' || isSpace(v.charCodeAt(0)) || isSpace(v.charCodeAt(v.length - 1))) return this.code(v);
    const c = this.values.length;
    this.values.push(v);
    return c;
  }

  private fresh(v: string): number {
    const t = v.trim();
    if (t === v) return t === '' ? MISSING : this.add(v);
    let c = this.padded.get(v);
    if (c === undefined) {
      c = t === '' ? MISSING : this.intern(t);
      this.padded.set(v, c);
    }
    return c;
  }

  private intern(s: string): number {
    return this.lookup().get(s) ?? this.add(s);
  }

  private add(s: string): number {
    const c = this.values.length;
    this.values.push(s);
    this.lookup().set(s, c);
    return c;
  }
}

/** Whether `String.prototype.trim` would remove this code unit (ASCII whitespace and any Unicode space). */
function isSpace(c: number): boolean {
  return c <= 32 || (c >= 0x7f && c <= 0xa0) || c >= 0x1680;
}

/** The buffers of a flechette batch (any type), as read here and in columns.ts. */
export interface BatchBuffers {
  readonly length: number;
  readonly nullCount: number;
  readonly validity?: Uint8Array;
  readonly values?: unknown;
  readonly offsets?: unknown;
  readonly type?: { typeId?: number };
}

const UTF8 = 5;

export function isUtf8(batch: BatchBuffers): batch is BatchBuffers & { values: Uint8Array; offsets: Int32Array } {
  return batch.type?.typeId === UTF8 && batch.values instanceof Uint8Array && batch.offsets instanceof Int32Array;
}

/**
 * Dictionary keys as codes of `text`, each dictionary value given its code when a row
 * first uses it (codes stay in order of first appearance, whatever the dictionary's order).
 */
export function dictionaryCodes(
  keys: ArrayLike<number>,
  dictionary: readonly unknown[],
  n: number,
  valid: Uint8Array | undefined,
  text: TextCodes,
  out: Int32Array,
  at: number,
  // Codes given so far, by dictionary value (-3: none yet): kept across the slices of one column.
  remap: Int32Array = new Int32Array(dictionary.length).fill(-3),
): void {
  for (let i = 0; i < n; i++) {
    if (!isValid(valid, i)) {
      out[at + i] = MISSING;
      continue;
    }
    const k = keys[i];
    let c = remap[k];
    // Unseen, or a key outside the dictionary (undefined: no value, as flechette reads it).
    if (!(c >= NOT_TEXT)) {
      c = text.code(dictionary[k]);
      if (k >= 0 && k < remap.length) remap[k] = c;
    }
    out[at + i] = c;
  }
}
