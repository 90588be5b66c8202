// Answers must agree before any time counts: each kernel's rows against the hand
// loop's (every field, in order) and against Arquero's (matched by key, the
// headline fields). A mismatch throws, and the bench fails loudly.
import type { Row } from './hand-cx.js';

export interface Fields {
  /** Fields that identify a row (matched exactly). */
  readonly key: readonly string[];
  /** Counts and labels: equal. */
  readonly exact: readonly string[];
  /** Rates, means, medians: equal to a relative 1e-9 (null and NaN count as the same). */
  readonly close: readonly string[];
}

const TOLERANCE = 1e-9;

function empty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

function same(a: unknown, b: unknown, close: boolean): boolean {
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (close && typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));
  }
  return a === b;
}

function compareRow(what: string, at: string, actual: Row, expected: Row, f: Fields): void {
  for (const [names, close] of [[f.key, false], [f.exact, false], [f.close, true]] as const) {
    for (const name of names) {
      if (!same(actual[name], expected[name], close)) {
        throw new Error(
          `${what}: ${at}, field ${name}: ${String(actual[name])} where ${String(expected[name])} was expected`,
        );
      }
    }
  }
}

const keyOf = (r: Row, key: readonly string[]) => key.map((k) => String(r[k])).join(' / ');

/** Same rows in the same order. */
export function sameRows(what: string, actual: readonly object[], expected: readonly Row[], f: Fields): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: ${actual.length} rows where ${expected.length} were expected`);
  }
  actual.forEach((row, i) => compareRow(what, `row ${i} (${keyOf(row as Row, f.key)})`, row as Row, expected[i], f));
}

/** Every expected row has an actual row with its key and the same fields; no extra rows. */
export function sameByKey(what: string, actual: readonly object[], expected: readonly Row[], f: Fields): void {
  const byKey = new Map((actual as Row[]).map((r) => [keyOf(r, f.key), r]));
  if (byKey.size !== expected.length) {
    throw new Error(`${what}: ${byKey.size} keyed rows where ${expected.length} were expected`);
  }
  for (const row of expected) {
    const key = keyOf(row, f.key);
    const match = byKey.get(key);
    if (!match) throw new Error(`${what}: no row for ${key}`);
    compareRow(what, key, match, row, f);
  }
}
