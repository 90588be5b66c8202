// Distinct byte strings of Arrow UTF-8 vectors, numbered in order of first appearance.
// The hash table is sized by the number of distinct keys rather than rows, over a
// compact copy of each key's bytes: an id column of a million events with fifty
// thousand customers never probes the row buffer. A key of up to 8 bytes (most ids and
// labels) is hashed and matched as two words (measured: ids 0-15 % faster than through
// its copy; holding them in the slot itself doubled the table and was slower); longer
// keys are hashed and compared four bytes at a time. Keys are decoded once each, and all the new
// ASCII keys of a batch in one TextDecoder call (each key then a slice of that string).

const decoder = new TextDecoder();
/**
 * Slots a table starts with; it doubles at half full, which reads no bytes (measured:
 * 50k ids over 550k rows probe faster in slots that grew than in slots sized by rows).
 */
const SLOTS = 1024;

export class ByteKeys {
  /** Number of keys so far. */
  count = 0;
  /**
   * Open addressing, two words a slot: the key's tag (its hash with its length, up to 8,
   * in the low 4 bits; 15 for longer keys) and its number + 1 (0: empty).
   */
  private slots = new Int32Array(SLOTS * 2);
  /** A key of up to 8 bytes as two zero-padded little-endian words (2k, 2k + 1): matched without reading its copy. */
  private words = new Int32Array(512);
  /** Key k's bytes are `bytes[starts[k]..starts[k + 1])`. */
  private starts = new Int32Array(257);
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  /** The last source buffer and a view of it, to read its words. */
  private src: Uint8Array = this.bytes;
  private srcView: DataView = this.view;
  /** Keys from this number on hold a byte ≥ 0x80 (or not: `ascii` says). */
  private ascii = true;
  private asciiFrom = 0;
  /** `few`'s last key + 1 (0: none) by a cell's length, first and last bytes. */
  private readonly memo = new Int32Array(256);

  /** The number of the bytes [start, end) of `src`, given a fresh number on first sight. */
  id(src: Uint8Array, start: number, end: number): number {
    if (src !== this.src) {
      this.src = src;
      this.srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
    }
    const len = end - start;
    if (len > 8) return this.long(src, start, end);
    // Up to 8 bytes: the two zero-padded words are the key; hashed and matched as they are.
    let w0 = 0;
    let w1 = 0;
    let b = start;
    if (len >= 4) {
      w0 = this.srcView.getInt32(start, true);
      b += 4;
      if (len === 8) w1 = this.srcView.getInt32(b, true);
      else for (let shift = 0; b < end; b++, shift += 8) w1 |= src[b] << shift;
    } else for (let shift = 0; b < end; b++, shift += 8) w0 |= src[b] << shift;
    const tag = shortTag(len, w0, w1);
    const slots = this.slots;
    const words = this.words;
    const mask = (slots.length >> 1) - 1;
    for (let s = (tag >>> 4) & mask; ; s = (s + 1) & mask) {
      const at = s << 1;
      const k = slots[at + 1] - 1;
      if (k < 0) return this.add(src, start, end, tag, at, w0, w1);
      if (slots[at] === tag && words[2 * k] === w0 && words[2 * k + 1] === w1) return k;
    }
  }

  /** `id` of a key longer than 8 bytes: hashed four bytes at a time, matched against its copy. */
  private long(src: Uint8Array, start: number, end: number): number {
    const sv = this.srcView;
    const tag = hashBytes(sv, src, start, end) | 15;
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = (tag >>> 4) & mask; ; s = (s + 1) & mask) {
      const at = s << 1;
      const k = slots[at + 1] - 1;
      if (k < 0) return this.add(src, start, end, tag, at, 0, 0);
      if (slots[at] === tag && this.same(k, sv, src, start, end)) return k;
    }
  }

  /**
   * `id` for a column of a few distinct values (`event`, `channel`): the key last found
   * under the cell's length, first and last bytes is compared byte for byte first, so
   * most cells are never hashed; any other cell is looked up by `id`.
   */
  few(src: Uint8Array, start: number, end: number): number {
    const len = end - start;
    if (len === 0 || src !== this.src) return this.id(src, start, end);
    const at = Math.imul((len << 16) | (src[start] << 8) | src[end - 1], 0x9e3779b1) >>> 24;
    const k = this.memo[at] - 1;
    if (k >= 0 && this.same(k, this.srcView, src, start, end)) return k;
    const found = this.id(src, start, end);
    this.memo[at] = found + 1;
    return found;
  }

  /** Whether key k's bytes are [start, end) of the source (`sv` views it), compared four at a time. */
  private same(k: number, sv: DataView, src: Uint8Array, start: number, end: number): boolean {
    let a = this.starts[k];
    if (this.starts[k + 1] - a !== end - start) return false;
    const view = this.view;
    let b = start;
    for (; b + 4 <= end; a += 4, b += 4) if (view.getInt32(a, true) !== sv.getInt32(b, true)) return false;
    const bytes = this.bytes;
    for (; b < end; a++, b++) if (bytes[a] !== src[b]) return false;
    return true;
  }

  private add(src: Uint8Array, start: number, end: number, tag: number, at: number, w0: number, w1: number): number {
    const k = this.count++;
    const slots = this.slots;
    slots[at] = tag;
    slots[at + 1] = k + 1;
    if (2 * k + 2 > this.words.length) this.words = grown(this.words, this.words.length * 2);
    this.words[2 * k] = w0;
    this.words[2 * k + 1] = w1;
    if (k + 1 >= this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    const from = this.starts[k];
    const len = end - start;
    if (from + len > this.bytes.length) {
      this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, from + len));
      this.view = new DataView(this.bytes.buffer);
    }
    const bytes = this.bytes;
    let high = 0;
    for (let b = 0; b < len; b++) high |= bytes[from + b] = src[start + b];
    if (high >= 0x80) this.ascii = false;
    this.starts[k + 1] = from + len;
    if (this.count * 4 > slots.length) this.rehash();
    return k;
  }

  /** Twice the slots, each moved by its tag (no byte read again). */
  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from + 1] === 0) continue;
      let s = (old[from] >>> 4) & mask;
      while (slots[(s << 1) + 1] !== 0) s = (s + 1) & mask;
      slots[s << 1] = old[from];
      slots[(s << 1) + 1] = old[from + 1];
    }
    this.slots = slots;
  }

  /** Whether the keys added since the last `strings` call are all ASCII (so distinct keys are distinct strings). */
  get freshAscii(): boolean {
    return this.ascii;
  }

  /** The keys numbered `from` to `count - 1`, decoded as UTF-8 (invalid bytes as U+FFFD, as TextDecoder reads them). */
  strings(from: number): string[] {
    const { starts, bytes } = this;
    let out: string[];
    if (this.ascii && this.asciiFrom <= from && from < this.count) out = asciiStrings(bytes, starts, from, this.count);
    else {
      out = new Array<string>(this.count - from);
      for (let k = from; k < this.count; k++) out[k - from] = decoder.decode(bytes.subarray(starts[k], starts[k + 1]));
    }
    this.ascii = true;
    this.asciiFrom = this.count;
    return out;
  }

  /**
   * Whether the keys numbered `from` on are ASCII, none blank and none with a control
   * byte, space or DEL at either end: each its own trimmed string, distinct from the others.
   */
  plainSince(from: number): boolean {
    if (!this.ascii || from < this.asciiFrom) return false;
    const { starts, bytes } = this;
    for (let k = from; k < this.count; k++) {
      const s = starts[k];
      const e = starts[k + 1];
      if (e === s || bytes[s] <= 32 || bytes[s] === 0x7f || bytes[e - 1] <= 32 || bytes[e - 1] === 0x7f) return false;
    }
    return true;
  }

  /**
   * The strings of the keys so far, all ASCII, made when called: the keys' bytes are
   * only ever added to (a grown buffer is a new one), so these stay as they are now.
   */
  later(): () => string[] {
    const { starts, bytes, count } = this;
    return () => asciiStrings(bytes, starts, 0, count);
  }
}

/** Keys `from` to `to - 1` of ASCII bytes (key k is `bytes[starts[k]..starts[k + 1])`): one decode, each key a slice of it. */
export function asciiStrings(bytes: Uint8Array, starts: Int32Array, from: number, to: number): string[] {
  const out = new Array<string>(to - from);
  if (to <= from) return out;
  const base = starts[from];
  const all = decoder.decode(bytes.subarray(base, starts[to]));
  for (let k = from; k < to; k++) out[k - from] = all.slice(starts[k] - base, starts[k + 1] - base);
  return out;
}

/** The tag of a key of `len` ≤ 8 bytes, held as two zero-padded little-endian words: a hash with the length in its low 4 bits. */
export function shortTag(len: number, w0: number, w1: number): number {
  return (fmix(Math.imul(mix(mix(len, w0), w1), 5)) & ~15) | len;
}

function mix(h: number, w: number): number {
  h = Math.imul(h ^ Math.imul(w, 0xcc9e2d51), 0x1b873593);
  return (h << 13) | (h >>> 19);
}

/** Murmur3's finalizer: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function grown<T extends Int32Array | Uint8Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/**
 * A hash of the bytes [start, end): little-endian words four bytes at a time, then the
 * last few bytes, with the length, mixed by Murmur3's steps and finalizer (ids that
 * differ in one digit spread over the low bits).
 */
export function hashBytes(view: DataView, bytes: Uint8Array, start: number, end: number): number {
  let h = end - start;
  let k = start;
  for (; k + 4 <= end; k += 4) {
    h = Math.imul(h ^ Math.imul(view.getInt32(k, true), 0xcc9e2d51), 0x1b873593);
    h = (h << 13) | (h >>> 19);
  }
  let tail = 0;
  for (let shift = 0; k < end; k++, shift += 8) tail |= bytes[k] << shift;
  h = Math.imul(h ^ Math.imul(tail, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
