// The widgets' own UI strings (states, toggles, exports): the words are in
// strings.en.ts, strings.pt-BR.ts and strings.es.ts, loaded on first use (catalogs.ts),
// as are every widget's. Placeholders are filled by `format()` as plain text, so a value
// carrying markup still reaches the page only through a Lit text binding.
import { format } from '../../src/i18n/messages.js';
import type { Locale } from '../../src/i18n/messages.js';
import { NONE } from '../../src/metrics/input.js';
import { OTHERS } from '../../src/metrics/others.js';
import { wordOf } from './catalogs.js';
import { nameOf } from './labels.js';
import type { en } from './strings.en.js';

export type StringKey = keyof typeof en;
export type Translate<K extends string> = (locale: Locale, key: K, params?: Record<string, string | number>) => string;

/** The catalogs' names (every locale's chunk has each, with the same keys): read by the catalogs' test. */
export const CATALOG_NAMES = new Set<string>();

/**
 * A `t()` over the catalog `name`, whose words load on first use, per locale (catalogs.ts:
 * a key the locale lacks reads in English, and no raw key ever shows).
 */
export function localeTranslator<K extends string>(name: string): Translate<K> {
  CATALOG_NAMES.add(name);
  return (locale, key, params = {}) => {
    const values: Record<string, string> = {};
    for (const [k, value] of Object.entries(params)) values[k] = String(value);
    return format(wordOf(locale, name, key), values);
  };
}

/** The UI string `key` in `locale`, with `{name}` placeholders filled as text. */
export const t: Translate<StringKey> = localeTranslator<StringKey>('shared');

/**
 * A value as shown: the metrics' "(none)" for missing values reads as "Not set",
 * "(others)" for the folded small segments as "Others", and any other value by its
 * label (labels.ts: the element's, the dashboard's, the page's, the built-in names) of
 * `column`, by default the column the widget's segments come from.
 */
export function segmentLabel(locale: Locale, segment: string, column?: string): string {
  if (segment === NONE) return t(locale, 'none');
  return segment === OTHERS ? t(locale, 'others') : nameOf(locale, segment, column);
}

/** An activity event (a funnel step, a feature) as shown: its label in the `event` column. */
export function eventLabel(locale: Locale, event: string): string {
  return segmentLabel(locale, event, 'event');
}
