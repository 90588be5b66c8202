// Option checks shared by the metrics: `by`, lists of event names (an array or the
// comma-separated form an HTML attribute carries), and the display order of segments.
import { describeValue } from '../time/describe.js';
import { NONE } from './input.js';

/**
 * A list of event names from an array or a comma-separated string (`"a, b,c"`),
 * trimmed. Throws a RangeError when an entry is empty or not a string, or when
 * fewer than `min` names are given (`steps must list at least 2 event names; got 1`).
 */
export function eventList(value: unknown, name: string, min: number): string[] {
  let list: unknown[];
  if (typeof value === 'string') list = value.split(',');
  else if (Array.isArray(value)) list = value as unknown[];
  else throw new TypeError(`${name} must be a list of event names or a comma-separated string; got ${describeValue(value)}`);
  const names = list.map((v) => (typeof v === 'string' ? v.trim() : v));
  const bad = names.findIndex((v) => typeof v !== 'string' || v === '');
  if (bad >= 0 && !(typeof value === 'string' && value.trim() === '')) {
    throw new RangeError(`${name} must name events; entry ${bad + 1} is ${describeValue(list[bad])}`);
  }
  const out = names.filter((v): v is string => typeof v === 'string' && v !== '');
  if (out.length < min) {
    throw new RangeError(`${name} must list at least ${min} event name${min === 1 ? '' : 's'}; got ${out.length}`);
  }
  return out;
}

/** `by`: undefined, or a non-empty column name. */
export function byOption(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new TypeError(`by must name a column; got ${describeValue(value)}`);
}

/**
 * Segment codes in display order: labels in plain string order (stable across
 * locales), "(none)" last; only the codes flagged in `present`.
 */
export function segmentOrder(labels: readonly string[], present: Uint8Array): number[] {
  const codes: number[] = [];
  for (let s = 0; s < labels.length; s++) if (present[s]) codes.push(s);
  return codes.sort((a, b) => {
    const x = labels[a];
    const y = labels[b];
    if (x === y) return 0;
    if (x === NONE) return 1;
    if (y === NONE) return -1;
    return x < y ? -1 : 1;
  });
}
