// Reading a widget's attribute values as metric options, and the error a metric's
// refusal of one becomes (the error state then says "a setting is not valid").

export { PulsoOptionError } from '../../src/query/errors.js';

/** Attribute value → list: `"a, b,c"` → ['a', 'b', 'c']; arrays pass through. */
export function listOption(value: readonly string[] | string | undefined): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? value.split(',') : [...value];
  const clean = list.map((s) => String(s).trim()).filter((s) => s !== '');
  return clean.length ? clean : undefined;
}

/** An empty attribute means "not set" for a string option. */
export function textOption(value: string | undefined | null): string | undefined {
  const v = typeof value === 'string' ? value.trim() : undefined;
  return v ? v : undefined;
}

/** A bound from an option: ISO text or epoch ms; undefined when absent or unreadable. */
export function rangeBound(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * A number attribute as a metric option: missing → undefined (the metric's default);
 * a value that is not a number stays NaN, so the metric rejects it with a precise
 * message instead of quietly falling back to the default.
 */
export function numberOption(value: number | undefined | null): number | undefined {
  return value === null || value === undefined ? undefined : value;
}
