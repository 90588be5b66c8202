// Locale-aware formatting for every number, percentage, date, period label and
// duration a widget shows (issue 4), all through Intl so pt-BR, en and es get
// their own grouping, decimal marks, month names and plural rules. Pure: no
// DOM, no global state beyond caches of Intl objects.
import { checkTimeZone } from '../time/zone.js';
import type { Period } from '../time/period.js';
import { formatDuration } from './format-duration.js';
import {
  MISSING,
  dateFormat,
  isShown,
  listFormat,
  numberFormat,
  plural,
  relativeFormat,
  unsignedZero,
} from './format-intl.js';
import { formatPeriod } from './format-period.js';
import type { PeriodStyle } from './format-period.js';
import { LOCALES } from './messages.js';
import type { Locale } from './messages.js';

export { MISSING } from './format-intl.js';
export type { PeriodStyle } from './format-period.js';

export type DeltaUnit = 'points' | 'percent' | 'minutes' | 'count';

/** A missing value: every formatter shows it, and NaN or ±Infinity, as '—'. */
type Maybe = number | null | undefined;

export interface Formatters {
  readonly locale: Locale;
  readonly timeZone: string;
  /** Grouped per locale; `digits` fixes the fraction digits (default: up to 3). */
  number(x: Maybe, digits?: number): string;
  /** A fraction as a percentage: 0.4567 → '45.7%' (en), '45,7%' (pt-BR), '45,7 %' (es). */
  percent(fraction: Maybe, digits?: number): string;
  /** An NPS-style score, signed except at zero: '+12', '-5', '0'. */
  score(x: Maybe, digits?: number): string;
  /** A change, signed except at zero: '+3 pts', '-4.5%', '+12 min', '+1,204'. */
  delta(x: Maybe, unit: DeltaUnit, digits?: number): string;
  /** Compact duration from ms: '45 sec', '3 hr 20 min', '2 days 4 hr' (en). */
  duration(ms: Maybe): string;
  /** A label for a period key `YYYY-MM-DD`; throws a RangeError for a bad key. */
  periodLabel(key: string, period: Period, style?: PeriodStyle): string;
  /** A calendar date in the formatters' zone: 'Mar 14, 2025'. */
  date(ms: Maybe): string;
  /** A date and time in the formatters' zone: 'Mar 14, 2025, 9:30 AM'. */
  dateTime(ms: Maybe): string;
  /** How long ago: '12 minutes ago', 'há 12 minutos', 'hace 12 minutos'; negative is the future. */
  relativeTime(msAgo: Maybe): string;
  /** 'a, b, and c' / 'a, b e c' / 'a, b y c'. */
  list(items: readonly string[]): string;
}

const DEFAULT_DELTA_DIGITS: Record<DeltaUnit, number> = { points: 0, percent: 1, minutes: 0, count: 0 };

/** Abbreviated 'points' (NPS points, percentage points) by plural category. */
const POINTS: Record<Locale, { one: string; other: string }> = {
  en: { one: 'pt', other: 'pts' },
  'pt-BR': { one: 'pt', other: 'pts' },
  es: { one: 'pto', other: 'ptos' },
};

const memo = new Map<string, Formatters>();

/** Labels and formats kept per locale and zone (a page shows a few hundred periods at most). */
const MAX_KEPT = 10_000;

/**
 * The formatters of a locale in a time zone (UTC when omitted), memoized.
 * Throws a RangeError for an unknown locale or zone.
 */
export function formatters(locale: Locale, timeZone = 'UTC'): Formatters {
  const key = `${locale}\u0000${timeZone}`;
  let f = memo.get(key);
  if (!f) {
    if (!LOCALES.includes(locale))
      throw new RangeError(`locale must be one of ${LOCALES.join(', ')}; got ${String(locale)}`);
    f = build(locale, checkTimeZone(timeZone));
    memo.set(key, f);
  }
  return f;
}

function fixed(digits: number | undefined): Intl.NumberFormatOptions {
  return digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
}

/** The value kept under `key`, made once (the map is emptied past MAX_KEPT: a bound for safety). */
function kept<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_KEPT) cache.clear();
    cache.set(key, (value = make()));
  }
  return value;
}

function build(locale: Locale, timeZone: string): Formatters {
  // Number formats looked up by kind and digits, not by an options key built per call, and
  // period labels worked out once: a heatmap formats every cell's label on each render.
  const numbers = new Map<string, Intl.NumberFormat>();
  const periods = new Map<string, string>();
  const num = (x: Maybe, digits: number | undefined, kind: string, options: Intl.NumberFormatOptions, scale = 1): string =>
    isShown(x)
      ? kept(numbers, `${kind}${digits ?? ''}`, () => numberFormat(locale, { ...options, ...fixed(digits) })).format(
          unsignedZero(x * scale, digits ?? 3) / scale,
        )
      : MISSING;
  const signed: Intl.NumberFormatOptions = { signDisplay: 'exceptZero' };
  const time = (ms: Maybe, options: Intl.DateTimeFormatOptions): string =>
    isShown(ms) ? dateFormat(locale, { ...options, timeZone }).format(ms) : MISSING;
  return {
    locale,
    timeZone,
    number: (x, digits) => num(x, digits, 'n', {}),
    percent: (x, digits = 1) => num(x, digits, '%', { style: 'percent' }, 100),
    score: (x, digits = 0) => num(x, digits, '±', signed),
    delta: (x, unit, digits = DEFAULT_DELTA_DIGITS[unit]) => delta(locale, x, unit, digits),
    duration: (ms) => formatDuration(locale, ms),
    periodLabel: (key, period, style = 'short') =>
      kept(periods, `${period} ${style} ${key}`, () => formatPeriod(locale, key, period, style)),
    date: (ms) => time(ms, { dateStyle: 'medium' }),
    dateTime: (ms) => time(ms, { dateStyle: 'medium', timeStyle: 'short' }),
    relativeTime: (msAgo) => relativeTime(locale, msAgo),
    list: (items) => listFormat(locale, { type: 'conjunction', style: 'long' }).format(items),
  };
}

function delta(locale: Locale, x: Maybe, unit: DeltaUnit, digits: number): string {
  if (!isShown(x)) return MISSING;
  const scale = unit === 'percent' ? 100 : 1;
  const value = unsignedZero(x * scale, digits) / scale;
  const options: Intl.NumberFormatOptions = { signDisplay: 'exceptZero', ...fixed(digits) };
  if (unit === 'percent') return numberFormat(locale, { ...options, style: 'percent' }).format(value);
  if (unit === 'minutes')
    return numberFormat(locale, { ...options, style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(value);
  const text = numberFormat(locale, options).format(value);
  if (unit === 'count') return text;
  const word = POINTS[locale][plural(locale, Math.abs(value)) === 'one' ? 'one' : 'other'];
  return `${text}\u00a0${word}`;
}

// Each unit with the count at which the next one takes over, and its size in that next unit.
const RELATIVE_STEPS: readonly [Intl.RelativeTimeFormatUnit, number, number][] = [
  ['second', 60, 60],
  ['minute', 60, 60],
  ['hour', 24, 24],
  ['day', 30, 365 / 12],
  ['month', 12, 12],
];

/** In the largest unit whose rounded count stays under its limit: '12 minutes ago'. */
function relativeTime(locale: Locale, msAgo: Maybe): string {
  if (!isShown(msAgo)) return MISSING;
  let value = Math.abs(msAgo) / 1000;
  let unit: Intl.RelativeTimeFormatUnit = 'year';
  for (const [step, limit, size] of RELATIVE_STEPS) {
    if (Math.round(value) < limit) {
      unit = step;
      break;
    }
    value /= size;
  }
  const n = Math.round(value);
  // 'auto' only for zero ('now'): it would also say 'yesterday' or 'last month'
  // for a span that crossed no calendar boundary.
  if (n === 0) return relativeFormat(locale, 'auto').format(0, 'second');
  return relativeFormat(locale, 'always').format(msAgo > 0 ? -n : n, unit);
}
