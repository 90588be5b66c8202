// Distinct byte strings of Arrow UTF-8 vectors, numbered in order of first appearance.
// The hash table holds key numbers over a compact copy of each key's bytes, sized by
// the number of distinct keys rather than rows: an id column of a million events with
// fifty thousand customers probes a table that stays in cache, never the row buffer.
// Keys are decoded once each, and all the new ASCII keys of a batch in one TextDecoder
// call (each key then a slice of that string).

const decoder = new TextDecoder();

export class ByteKeys {
  /** Number of keys so far. */
  count = 0;
  private slots: Int32Array;
  private hashes: Int32Array;
  /** Key k's bytes are `bytes[starts[k]..starts[k + 1])`. */
  private starts: Int32Array;
  private bytes = new Uint8Array(4096);
  /** Keys from this number on hold a byte ≥ 0x80 (or not: `ascii` says). */
  private ascii = true;
  private asciiFrom = 0;

  /**
   * `rows`: how many cells will be looked up, so an id column of unique values never
   * rehashes (measured: growing from small cost a fifth of reading 150k ticket ids); the
   * slots of a column of few values stay few in cache however many there are.
   */
  constructor(rows: number) {
    let size = 1024;
    while (size < rows * 2 && size < 1 << 22) size <<= 1;
    this.slots = new Int32Array(size).fill(-1);
    const keys = Math.min(Math.max(rows, 256), 1 << 16);
    this.hashes = new Int32Array(keys);
    this.starts = new Int32Array(keys + 1);
  }

  /** The number of the bytes [start, end) of `src`, given a fresh number on first sight. */
  id(src: Uint8Array, start: number, end: number): number {
    const h = hashBytes(src, start, end);
    const slots = this.slots;
    const mask = slots.length - 1;
    const { hashes, starts, bytes } = this;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const k = slots[s];
      if (k < 0) return this.add(src, start, end, h, s);
      if (hashes[k] === h && sameBytes(bytes, starts[k], starts[k + 1], src, start, end)) return k;
    }
  }

  private add(src: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const k = this.count++;
    this.slots[slot] = k;
    if (k + 1 >= this.hashes.length) {
      this.hashes = grown(this.hashes, this.hashes.length * 2);
      this.starts = grown(this.starts, this.hashes.length + 1);
    }
    this.hashes[k] = h;
    const at = this.starts[k];
    const len = end - start;
    if (at + len > this.bytes.length) this.bytes = grown(this.bytes, Math.max(this.bytes.length * 2, at + len));
    for (let b = 0; b < len; b++) {
      const x = src[start + b];
      if (x >= 0x80) this.ascii = false;
      this.bytes[at + b] = x;
    }
    this.starts[k + 1] = at + len;
    if (this.count * 2 > this.slots.length) this.rehash();
    return k;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let s = this.hashes[k] & mask;
      while (slots[s] >= 0) s = (s + 1) & mask;
      slots[s] = k;
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

function sameBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (; aStart < aEnd; aStart++, bStart++) if (a[aStart] !== b[bStart]) return false;
  return true;
}
