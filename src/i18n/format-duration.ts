// Compact human durations ('45 sec', '3 hr 20 min', '2 d 4 h'): the two largest
// units, each through Intl's unit style and joined by a narrow unit list, which
// is what Intl.DurationFormat does but Node 20 lacks it.
import { MISSING, isShown, listFormat, numberFormat } from './format-intl.js';
import type { Locale } from './messages.js';

type Unit = 'second' | 'minute' | 'hour' | 'day';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

function part(locale: Locale, unit: Unit, n: number): string {
  return numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(n);
}

/** The units of a non-negative duration, largest first, each rounded at its own precision. */
function units(ms: number): [Unit, number][] {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return [['second', seconds]];
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes < 60) return [['minute', minutes]];
  if (minutes < 24 * 60) return [['hour', Math.floor(minutes / 60)], ['minute', minutes % 60]];
  const hours = Math.round(ms / HOUR_MS);
  return [['day', Math.floor(hours / 24)], ['hour', hours % 24]];
}

/**
 * A duration in ms as at most two units: seconds under a minute, minutes under
 * an hour, hours and minutes under a day, then days and hours. A zero second
 * part is dropped ('1 hr', not '1 hr 0 min'). Missing, non-finite or negative
 * durations read '—'.
 */
export function formatDuration(locale: Locale, ms: number | null | undefined): string {
  if (!isShown(ms) || ms < 0) return MISSING;
  const parts = units(ms);
  const shown = parts.filter(([, n], i) => i === 0 || n !== 0);
  const texts = shown.map(([unit, n]) => part(locale, unit, n));
  return texts.length === 1 ? texts[0] : listFormat(locale, { type: 'unit', style: 'narrow' }).format(texts);
}
