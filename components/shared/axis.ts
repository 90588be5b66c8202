// Period labels for a time axis: compact ones for days and weeks ("29 Dec"),
// whose full labels ("Week of Dec 29, 2025") would crowd an axis, and the room
// such labels need, so layouts thin ticks by what is actually written.
import type { Formatters } from '../../src/i18n/format.js';
import type { Period } from '../../src/time/period.js';
import { textWidth } from './text-width.js';

const compact = new Map<string, Intl.DateTimeFormat>();

/** The tick text of a period key `YYYY-MM-DD`. */
export function tickLabel(f: Formatters, key: string, period: Period): string {
  if (period !== 'day' && period !== 'week') return f.periodLabel(key, period);
  let fmt = compact.get(f.locale);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(f.locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    compact.set(f.locale, fmt);
  }
  const [y, m, d] = key.split('-').map(Number);
  return fmt.format(Date.UTC(y, m - 1, d));
}

/** Estimated px between tick centres so labels of 11 px text do not touch. */
export function tickSpacing(labels: readonly string[]): number {
  const longest = labels.reduce((max, s) => Math.max(max, s.length), 0);
  return Math.ceil(longest * 6.4 + 14);
}

/** The x of a centred 11 px tick label, moved in so it stays inside [0, width]. */
export function tickX(x: number, label: string, width: number): number {
  const half = textWidth(label, 11) / 2;
  return Math.max(half, Math.min(width - half, x));
}
