// Text and numbers as Pulso's validation reads them, in ClickHouse SQL: text trimmed as
// JavaScript trims it (Unicode spaces too), blank text found without trimming it, and
// numbers as Float64 with NaN read as no value. valid.ts normalizes every column with
// them; facts.ts counts the values they would change.
import { JS_SPACES } from '../dialect.js';
import { str } from './literal.js';

/** The JS spaces as an RE2 class (ClickHouse's regular expressions are RE2, in UTF-8). */
const SPACES = `[${[...JS_SPACES].map((ch) => `\\x{${ch.codePointAt(0)!.toString(16)}}`).join('')}]`;

/**
 * 1 when a string is blank (NULL, empty or spaces only: trimJs would leave ''), without
 * trimming it; the regular expression runs only on strings whose first byte is not
 * printable ASCII (through a one-element array, as in trimJs).
 */
export function blankTest(expr: string): string {
  const re = str(`^${SPACES}*$`);
  return `arrayExists(y -> match(y, ${re}), arrayFilter(y -> NOT (reinterpretAsUInt8(y) BETWEEN 33 AND 126), [ifNull(${expr}, '')]))`;
}

/** A string's byte at a 1-based position as UInt8 (0 past its end). */
const byteAt = (s: string, at: string) => `reinterpretAsUInt8(substring(${s}, ${at}, 1))`;

/** Whether a string starts and ends with printable ASCII other than the space (then trim leaves it as is). */
const trimmed = (s: string) =>
  `(${byteAt(s, '1')} BETWEEN 33 AND 126 AND ${byteAt(s, `length(${s})`)} BETWEEN 33 AND 126)`;

/**
 * Text trimmed as String.prototype.trim does (Unicode spaces too); NULL reads as ''.
 * The regular expression runs only on the strings that start or end with something
 * other than printable ASCII (18.16 evaluates both branches of `if`, but a lambda only
 * the elements of its array): the rest are already trimmed, and a scan of clean text
 * costs about what reading it does.
 */
export function trimJs(expr: string): string {
  const s = `ifNull(${expr}, '')`;
  const re = str(`^${SPACES}+|${SPACES}+$`);
  return `if(${trimmed(s)}, ${s}, arrayElement(arrayMap(y -> replaceRegexpAll(y, ${re}, ''), arrayFilter(y -> NOT ${trimmed('y')}, [${s}])), 1))`;
}

/** A Float64 of a number column, NaN read as "no value". */
export function float(expr: string): string {
  const x = `toFloat64(${expr})`;
  return `if(ifNull(isNaN(${x}), 0), CAST(NULL AS Nullable(Float64)), ${x})`;
}
