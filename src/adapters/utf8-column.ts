// A CSV column laid out as Arrow lays out a UTF-8 string vector (bytes, offsets, validity
// bits), built cell by cell from JS text. Validation reads it through the byte path
// (src/data/byte-path.ts) as it reads an Arrow string column: codes hashed from the bytes,
// ISO times and plain decimals parsed from them, so no string is made per cell. Arquero
// holds it as a column (`length`, `at`, `toArray`); columns.ts finds its batch in `data`.

const UTF8 = 5;
const LF = 10;
const CR = 13;
const decoder = new TextDecoder();

/** The one batch of a column: the fields of a flechette UTF-8 batch that columns.ts reads. */
export class Utf8Batch {
  readonly type = { typeId: UTF8 };

  constructor(
    readonly values: Uint8Array,
    readonly offsets: Int32Array,
    /** Bit i set: row i has a value; undefined when no row is null. */
    readonly validity: Uint8Array | undefined,
    readonly length: number,
    readonly nullCount: number,
  ) {}

  /** Row i's string (null for an empty cell), decoded from its bytes. */
  value(i: number): string | null {
    const valid = this.validity;
    if (valid !== undefined && (valid[i >> 3] & (1 << (i & 7))) === 0) return null;
    return decoder.decode(this.values.subarray(this.offsets[i], this.offsets[i + 1]));
  }
}

/** A column of one batch, as Arquero holds a column. */
export class Utf8Column {
  readonly data: readonly Utf8Batch[];
  private array?: (string | null)[];

  constructor(private readonly batch: Utf8Batch) {
    this.data = [batch];
  }

  get length(): number {
    return this.batch.length;
  }

  get nullCount(): number {
    return this.batch.nullCount;
  }

  at(i: number): string | null | undefined {
    return i >= 0 && i < this.batch.length ? this.batch.value(i) : undefined;
  }

  /** The strings as an array, made once (for an extra column's values, an export). */
  toArray(): (string | null)[] {
    this.array ??= Array.from({ length: this.batch.length }, (_, i) => this.batch.value(i));
    return this.array;
  }

  [Symbol.iterator](): Iterator<string | null> {
    return this.toArray()[Symbol.iterator]();
  }
}

/**
 * A column's cells appended one by one: `put` the parts of a cell's text (a quoted field
 * with escaped quotes comes in parts), then `endCell`. A cell with no text is null.
 */
export class Utf8Builder {
  private offsets = new Int32Array(1024);
  private validity = new Uint8Array(128);
  private used = 0;
  private cellStart = 0;
  private rows = 0;
  private nulls = 0;

  private bytes = new Uint8Array(16_384);

  /** Bytes so far. */
  get size(): number {
    return this.used;
  }

  /**
   * Makes room for `rows` cells and `bytes` bytes in all, so a column whose size was
   * foreseen grows no more: each growth of a large buffer is a copy, and new external
   * memory that makes V8 collect its whole heap.
   */
  reserve(rows: number, bytes: number): void {
    if (bytes > this.bytes.length) this.grow(bytes - this.used);
    if (rows + 1 > this.offsets.length) this.growRows(rows + 1);
  }

  /**
   * Appends `text[start, end)` encoded as UTF-8; false for text that would not decode
   * back the same (a lone surrogate, or a U+FEFF, which TextDecoder drops at a cell's start).
   */
  put(text: string, start: number, end: number): boolean {
    if (this.bytes.length - this.used < 3 * (end - start)) this.grow(3 * (end - start));
    const out = this.bytes;
    let o = this.used;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x80) out[o++] = c;
      else {
        this.used = o;
        const units = this.wide(text, i, end);
        if (units === 0) return false;
        i += units - 1;
        o = this.used;
      }
    }
    this.used = o;
    return true;
  }

  /**
   * Appends text from `start` to the first `delim`, LF or CR (or the end) as `put` does, in
   * the same pass that finds that end (an unquoted CSV field); returns where it stopped,
   * or -1 where `put` returns false.
   */
  putUntil(text: string, start: number, delim: number): number {
    const n = text.length;
    let out = this.bytes;
    let o = this.used;
    let i = start;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === delim || c === LF || c === CR) break;
      if (o + 4 > out.length) {
        this.used = o;
        this.grow(4);
        out = this.bytes;
      }
      if (c < 0x80) out[o++] = c;
      else {
        this.used = o;
        const units = this.wide(text, i, n);
        if (units === 0) return -1;
        i += units - 1;
        o = this.used;
      }
    }
    this.used = o;
    return i;
  }

  /**
   * The character at `i` (below `end`), not ASCII, as UTF-8 (room for 4 bytes is made):
   * the number of code units read (2 for a surrogate pair), 0 for one `put` refuses.
   */
  private wide(text: string, i: number, end: number): number {
    if (this.bytes.length - this.used < 4) this.grow(4);
    const out = this.bytes;
    let o = this.used;
    const c = text.charCodeAt(i);
    let units = 1;
    if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || d < 0xdc00 || d > 0xdfff) return 0;
      const p = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      out[o++] = 0xf0 | (p >> 18);
      out[o++] = 0x80 | ((p >> 12) & 63);
      out[o++] = 0x80 | ((p >> 6) & 63);
      out[o++] = 0x80 | (p & 63);
      units = 2;
    } else if (c === 0xfeff) return 0;
    else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 63);
      out[o++] = 0x80 | (c & 63);
    }
    this.used = o;
    return units;
  }

  /** Closes the current cell: null when nothing was put into it. */
  endCell(): void {
    const r = this.rows;
    if (r + 1 >= this.offsets.length) this.growRows();
    if (this.used === this.cellStart) this.nulls++;
    else this.validity[r >> 3] |= 1 << (r & 7);
    this.offsets[r + 1] = this.used;
    this.cellStart = this.used;
    this.rows = r + 1;
  }

  /** The column; its buffers are copied to their size only when much of them is unused. */
  finish(): Utf8Column {
    const { rows, used } = this;
    const fit = <T extends Uint8Array | Int32Array>(a: T, size: number): T =>
      (size < a.length * 0.75 ? a.slice(0, size) : a.subarray(0, size)) as T;
    const validity = this.nulls > 0 ? fit(this.validity, (rows + 7) >> 3) : undefined;
    return new Utf8Column(new Utf8Batch(fit(this.bytes, used), fit(this.offsets, rows + 1), validity, rows, this.nulls));
  }

  private grow(need: number): void {
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + need));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }

  private growRows(atLeast = 0): void {
    const offsets = new Int32Array(Math.max(this.offsets.length * 2, (atLeast + 7) & ~7));
    offsets.set(this.offsets);
    this.offsets = offsets;
    const validity = new Uint8Array(offsets.length >> 3);
    validity.set(this.validity);
    this.validity = validity;
  }
}
