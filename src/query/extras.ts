// What a metric's rows may carry besides the rows: named properties of the array itself
// (retention's `excluded` counts), invisible to JSON. A source computing at a distance
// sends them beside the rows (`{ rows, extras }`) and the browser puts them back, so a
// widget reads the same answer wherever it was computed.
import type { Row } from '../data/schema.js';

/** The array's own named properties (not its indices), or undefined when it has none. */
export function rowExtras(rows: readonly Row[]): Record<string, unknown> | undefined {
  const names = Object.getOwnPropertyNames(rows).filter((k) => k !== 'length' && !/^\d+$/.test(k));
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((k) => [k, (rows as unknown as Record<string, unknown>)[k]]));
}

/** `rows` with `extras` as non-enumerable properties (as the metric put them); extras that are not an object are ignored. */
export function withExtras(rows: Row[], extras: unknown): Row[] {
  if (extras === null || typeof extras !== 'object' || Array.isArray(extras)) return rows;
  for (const [name, value] of Object.entries(extras)) {
    if (/^\d+$/.test(name) || name === 'length' || name in rows) continue;
    Object.defineProperty(rows, name, { value, enumerable: false });
  }
  return rows;
}
