// Values written into ClickHouse SQL. ClickHouse 18.16 has no bound query parameters
// (`{x:Type}` came later), so every value a query carries (a segment value, a time
// zone, a bound) is rendered here as a typed literal that cannot be read as anything
// but that value: text byte by byte, with every byte outside plain printable ASCII
// (and every quote and backslash) written as a `\xHH` escape; numbers only when
// finite, as JavaScript prints them. Identifiers come only from the server's catalog
// and are back-quoted with the same escaping.

const encoder = new TextEncoder();

/** Plain printable ASCII that needs no escape inside quotes: not `'`, `` ` `` or `\`. */
const plain = (b: number) => b >= 0x20 && b <= 0x7e && b !== 0x27 && b !== 0x60 && b !== 0x5c;

function escaped(value: string): string {
  let out = '';
  for (const b of encoder.encode(value))
    out += plain(b) ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

/** A String literal holding exactly `value` (UTF-8). */
export function str(value: string): string {
  if (typeof value !== 'string')
    throw new TypeError(`expected text for a ClickHouse literal; got ${typeof value}`);
  return `'${escaped(value)}'`;
}

/** A Float64 literal; refuses what has no literal (NaN, ±Infinity). */
export function num(value: number): string {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new RangeError(`cannot write ${String(value)} as a ClickHouse number`);
  // toFloat64 keeps every comparison in one type whether the text reads as an integer or not.
  return `toFloat64(${Object.is(value, -0) ? '0' : String(value)})`;
}

/** A whole number (an Int64 literal) for ids of Pulso's own (epoch ms, periods, counts). */
export function int(value: number): string {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`cannot write ${String(value)} as a ClickHouse integer`);
  return value < 0 ? `(${value})` : String(value);
}

/** The right side of `x IN …` for texts: a tuple of literals (never empty: callers test that). */
export function strs(values: readonly string[]): string {
  if (!values.length) throw new RangeError('an empty list has no ClickHouse literal');
  return `(${values.map(str).join(', ')})`;
}

/** The right side of `x IN …` for numbers, as Float64 literals. */
export function nums(values: readonly number[]): string {
  if (!values.length) throw new RangeError('an empty list has no ClickHouse literal');
  return `(${values.map((v) => (Number.isFinite(v) ? (Object.is(v, -0) ? '0.' : numberText(v)) : num(v))).join(', ')})`;
}

/** A finite number as a Float64 literal without a function call (IN lists take literals only). */
function numberText(v: number): string {
  const text = String(v);
  // An integer literal would make the set's type an integer; a trailing '.' keeps it Float64.
  return /[.e]/.test(text) ? text : `${text}.`;
}

/** A back-quoted identifier. */
export function ident(name: string): string {
  return `\`${escaped(name)}\``;
}
