// Strings as codes: interned in order of first appearance, trimmed, ids given as numbers
// read as their decimal text; and an Arrow UTF-8 vector as codes without a string per
// row (its bytes hashed into typed arrays, each distinct byte string decoded once).

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
  readonly values: string[] = [];
  /** Value → code, made on first use: a column read from Arrow bytes may never need it. */
  private map?: Map<string, number>;
  /** Strings that are not their own trimmed form, to the code of that form. */
  private readonly padded = new Map<string, number>();
  private readonly numbers = new Map<number, number>();

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

const decoder = new TextDecoder();

/** Bytes as a string: short ASCII by char codes (a TextDecoder call costs about a microsecond), else decoded. */
function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > 32) return decoder.decode(bytes.subarray(start, end));
  for (let k = start; k < end; k++) if (bytes[k] >= 0x80) return decoder.decode(bytes.subarray(start, end));
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

/**
 * An Arrow UTF-8 vector as codes: each distinct byte string is decoded once (a hash of
 * its bytes into typed arrays), not once per row — an id repeats over a customer's events.
 */
export function utf8Codes(
  bytes: Uint8Array,
  offsets: Int32Array,
  n: number,
  valid: Uint8Array | undefined,
  text: TextCodes,
  out: Int32Array,
  at: number,
): void {
  let size = 1024;
  while (size < n * 2 && size < 1 << 24) size <<= 1;
  let mask = size - 1;
  let slots = new Int32Array(size).fill(-1); // row of the first cell with those bytes
  let codeOf = new Int32Array(size);
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (!isValid(valid, i)) {
      out[at + i] = MISSING;
      continue;
    }
    const start = offsets[i];
    const end = offsets[i + 1];
    let s = hashBytes(bytes, start, end) & mask;
    for (;;) {
      const row = slots[s];
      if (row < 0) {
        const code = text.distinct(decodeUtf8(bytes, start, end));
        slots[s] = i;
        codeOf[s] = code;
        out[at + i] = code;
        if (++used * 2 > size && size < 1 << 26) {
          ({ slots, codeOf, size } = rehash(slots, codeOf, size, bytes, offsets));
          mask = size - 1;
        }
        break;
      }
      if (sameBytes(bytes, offsets[row], offsets[row + 1], start, end)) {
        out[at + i] = codeOf[s];
        break;
      }
      s = (s + 1) & mask;
    }
  }
}

/** FNV-1a over the bytes, then Murmur3's finalizer: FNV's low bits alone cluster ids that differ in a digit. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function sameBytes(bytes: Uint8Array, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (; a < aEnd; a++, b++) if (bytes[a] !== bytes[b]) return false;
  return true;
}

function rehash(slots: Int32Array, codeOf: Int32Array, size: number, bytes: Uint8Array, offsets: Int32Array) {
  const bigger = size * 2;
  const mask = bigger - 1;
  const s2 = new Int32Array(bigger).fill(-1);
  const c2 = new Int32Array(bigger);
  for (let s = 0; s < size; s++) {
    const row = slots[s];
    if (row < 0) continue;
    let t = hashBytes(bytes, offsets[row], offsets[row + 1]) & mask;
    while (s2[t] >= 0) t = (t + 1) & mask;
    s2[t] = row;
    c2[t] = codeOf[s];
  }
  return { slots: s2, codeOf: c2, size: bigger };
}
