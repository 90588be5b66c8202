// Distinct byte strings of Arrow UTF-8 vectors, numbered in order of first appearance.
// The hash table holds each key's hash and number over a compact copy of each key's
// bytes, sized by the number of distinct keys rather than rows: an id column of a
// million events with fifty thousand customers probes a table that stays in cache,
// never the row buffer. Bytes are hashed and compared four at a time. Keys are decoded
// once each, and all the new ASCII keys of a batch in one TextDecoder call (each key
// then a slice of that string).

const decoder = new TextDecoder();

export class ByteKeys {
  /** Number of keys so far. */
  count = 0;
  /** Open addressing, two words a slot: a key's hash and its number + 1 (0: empty), so a probe reads one cache line. */
  private slots: Int32Array;
  private hashes: Int32Array;
  /** Key k's bytes are `bytes[starts[k]..starts[k + 1])`. */
  private starts: Int32Array;
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  /** The last source buffer and a view of it, to read its words. */
  private src: Uint8Array = this.bytes;
  private srcView: DataView = this.view;
  /** Keys from this number on hold a byte ≥ 0x80 (or not: `ascii` says). */
  private ascii = true;
  private asciiFrom = 0;

  /**
   * `rows`: how many cells will be looked up. The slots start at most 32k and double at
   * half full (the hashes are kept, so a rehash reads no bytes): measured, 50k ids over
   * 550k rows probe faster in 256k slots that grew than in 2M sized by rows.
   */
  constructor(rows: number) {
    let size = 1024;
    while (size < rows * 2 && size < 1 << 15) size <<= 1;
    this.slots = new Int32Array(size * 2);
    const keys = Math.min(Math.max(rows, 256), 1 << 16);
    this.hashes = new Int32Array(keys);
    this.starts = new Int32Array(keys + 1);
  }

  /** The number of the bytes [start, end) of `src`, given a fresh number on first sight. */
  id(src: Uint8Array, start: number, end: number): number {
    if (src !== this.src) {
      this.src = src;
      this.srcView = new DataView(src.buffer, src.byteOffset, src.byteLength);
    }
    const sv = this.srcView;
    const h = hashBytes(sv, src, start, end);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = slots[2 * s + 1] - 1;
      if (k < 0) return this.add(src, start, end, h, s);
      if (slots[2 * s] === h && this.same(k, sv, src, start, end)) return k;
    }
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

  private add(src: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const k = this.count++;
    this.slots[2 * slot] = h;
    this.slots[2 * slot + 1] = k + 1;
    if (k + 1 >= this.hashes.length) {
      this.hashes = grown(this.hashes, this.hashes.length * 2);
      this.starts = grown(this.starts, this.hashes.length + 1);
    }
    this.hashes[k] = h;
    const at = this.starts[k];
    const len = end - start;
    if (at + len > this.bytes.length) {
      this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, at + len));
      this.view = new DataView(this.bytes.buffer);
    }
    const bytes = this.bytes;
    let high = 0;
    for (let b = 0; b < len; b++) high |= bytes[at + b] = src[start + b];
    if (high >= 0x80) this.ascii = false;
    this.starts[k + 1] = at + len;
    if (this.count * 4 > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = (slots.length >> 1) - 1;
    const hashes = this.hashes;
    for (let k = 0; k < this.count; k++) {
      let s = hashes[k] & mask;
      while (slots[2 * s + 1] !== 0) s = (s + 1) & mask;
      slots[2 * s] = hashes[k];
      slots[2 * s + 1] = k + 1;
    }
    this.slots = slots;
  }

  /** Whether the keys added since the last `strings` call are all ASCII (so distinct keys are distinct strings). */
  get freshAscii(): boolean {
    return this.ascii;
  }

  /** The keys numbered `from` to `count - 1`, decoded as UTF-8 (invalid bytes as U+FFFD, as TextDecoder reads them). */
  strings(from: number): string[] {
    const out = new Array<string>(this.count - from);
    const { starts, bytes } = this;
    if (this.ascii && this.asciiFrom <= from && from < this.count) {
      // Every byte ASCII: one call, and each key is a slice at its own byte offsets.
      const base = starts[from];
      const all = decoder.decode(bytes.subarray(base, starts[this.count]));
      for (let k = from; k < this.count; k++) out[k - from] = all.slice(starts[k] - base, starts[k + 1] - base);
    } else {
      for (let k = from; k < this.count; k++) out[k - from] = decoder.decode(bytes.subarray(starts[k], starts[k + 1]));
    }
    this.ascii = true;
    this.asciiFrom = this.count;
    return out;
  }
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
