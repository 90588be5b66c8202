// Memoized Intl constructors shared by the formatters. Building an Intl object
// costs far more than using one, and a widget formats hundreds of labels per
// render, so each (locale, options) pair is built once per page.
import type { Locale } from './messages.js';

/** What every formatter shows for a missing or non-finite value (never 'NaN'). */
export const MISSING = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const pluralRules = new Map<string, Intl.PluralRules>();

function memo<T, O>(cache: Map<string, T>, locale: Locale, options: O, make: () => T): T {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return memo(numberFormats, locale, options, () => new Intl.NumberFormat(locale, options));
}

export function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return memo(dateFormats, locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function relativeFormat(locale: Locale, numeric: 'auto' | 'always'): Intl.RelativeTimeFormat {
  return memo(relativeFormats, locale, numeric, () => new Intl.RelativeTimeFormat(locale, { numeric }));
}

export function listFormat(locale: Locale, options: Intl.ListFormatOptions): Intl.ListFormat {
  return memo(listFormats, locale, options, () => new Intl.ListFormat(locale, options));
}

export function plural(locale: Locale, n: number): Intl.LDMLPluralRule {
  return memo(pluralRules, locale, null, () => new Intl.PluralRules(locale)).select(n);
}

/** Whether `x` is a number that can be shown (not null, undefined, NaN or ±Infinity). */
export function isShown(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * `x` with negative zero, and negatives that round to zero at `digits` fraction
 * digits, turned into +0, so no label ever reads '-0' or '-0.0'.
 */
export function unsignedZero(x: number, digits: number): number {
  return Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x;
}
