// A normalized string column as validation left it: a code per row into a list of
// distinct strings (the frame's dictionary). A row's string is looked up when asked —
// a widget's label, an export, a cache entry — so loading makes no array of a string
// per row (2.4M slots per million events, which the garbage collector would scan).
// Arquero reads a column through `length`, `at` and `toArray`, as it reads Arrow's.

export class CodedStrings {
  private array?: (string | null)[];

  /**
   * `codes[i]`: an index into `strings.values`, or below 0 for null; the strings are
   * read when first asked (validation's deferred ids: text-codes.ts).
   */
  constructor(
    readonly codes: Int32Array,
    private readonly strings: { readonly values: readonly string[] },
  ) {}

  get values(): readonly string[] {
    return this.strings.values;
  }

  /** The distinct strings if made, else how many there will be (deferred ids: never made just to be counted). */
  distinct(): readonly string[] | number {
    const s = this.strings as { readonly values: readonly string[]; readonly deferred?: boolean; readonly size?: number };
    return s.deferred === true && s.size !== undefined ? s.size : s.values;
  }

  get length(): number {
    return this.codes.length;
  }

  at(i: number): string | null | undefined {
    const c = this.codes[i];
    if (c === undefined) return undefined;
    return c < 0 ? null : this.values[c];
  }

  /** The strings as an array, made once (what Arquero's Arrow encoding and `columnValues` ask for). */
  toArray(): (string | null)[] {
    if (!this.array) {
      const { codes, values } = this;
      const out = new Array<string | null>(codes.length);
      for (let i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : values[codes[i]];
      this.array = out;
    }
    return this.array;
  }

  [Symbol.iterator](): Iterator<string | null> {
    return this.toArray()[Symbol.iterator]();
  }
}
