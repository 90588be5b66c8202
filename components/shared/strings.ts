// The widgets' own UI strings (states, toggles, exports) in English; pt-BR and es
// are strings.pt-BR.ts and strings.es.ts, loaded on first use (catalogs.ts), as are
// every widget's. Placeholders are filled by `format()` as plain text, so a value
// carrying markup still reaches the page only through a Lit text binding.
import { format } from '../../src/i18n/messages.js';
import type { Locale } from '../../src/i18n/messages.js';
import { NONE } from '../../src/metrics/input.js';
import { OTHERS } from '../../src/metrics/others.js';
import { catalog } from './catalogs.js';
import { nameOf } from './labels.js';

const en = {
  loading: 'Loading…',
  tableFailed: 'The table could not be shown. Switch to the chart and back to try again.',
  empty: 'No answers in this period',
  noSource: 'No data source: set the source attribute or the adapter property',
  errorTitle: 'The data could not be loaded',
  errorHttp: 'The server answered {url} with HTTP status {status}.',
  errorTimeout: 'Loading {url} took too long and was stopped.',
  errorNetwork: 'Could not reach {url}. Check the network connection.',
  errorMalformed: 'The data from {url} could not be read: it is not in the expected format.',
  errorWebPage: 'The server answered {url} with a web page instead of data. Check the address of the file or API.',
  errorUnknown: 'Something went wrong while preparing the data.',
  errorDetails: 'Technical details',
  retry: 'Try again',
  stale: 'Updated {time}',
  offline: 'Offline: showing data from {time}',
  notices: 'Data notices',
  showTable: 'Show table',
  showChart: 'Show chart',
  scrollColumns: 'Scroll sideways for more columns →',
  downloadCsv: 'Download CSV',
  downloadSvg: 'Download SVG',
  downloadPng: 'Download PNG',
  suppressed: '< {k}',
  suppressedHint: 'Hidden: fewer than {k} customers',
  partial: 'Partial period',
  legend: 'Legend',
  average: 'Weighted average',
  errorOptions: 'A setting of this chart is not valid.',
  errorOptionsTitle: 'This chart cannot be drawn with its settings',
  updating: 'Updating…',
  axisPercent: 'Percentage',
  download: 'Download',
  none: 'Not set',
  unregistered: "Waiting for the data source '{name}': no adapter is registered under that name yet.",
  others: 'Others',
  othersGrouped: '{n} smaller segments are grouped as “Others”.',
  othersGroupedOne: '{n} smaller segment is grouped as “Others”.',
  othersGroupedSome: 'The smaller segments are grouped as “Others”.',
  errorLimitPeriods: 'From {first} to {last} is {count} {unit}: more than the {max} periods a chart can show. Choose a shorter date range or a longer period.',
  errorLimitCells: 'Cohorts from {first} to {last}, counted in {unit}, make {count} cells: more than the {max} a chart can show. Choose a shorter date range, a longer period or a maximum offset.',
  unitday: 'days',
  unitweek: 'weeks',
  unitmonth: 'months',
  unitquarter: 'quarters',
  unityear: 'years',
  code: 'code',
};

export type StringKey = keyof typeof en;
export type Translate<K extends string> = (locale: Locale, key: K, params?: Record<string, string | number>) => string;

/** English catalogs by name (the keys every locale has): read by the catalogs' test. */
export const ENGLISH = new Map<string, Readonly<Record<string, string>>>();

/**
 * A `t()` over a catalog whose pt-BR and es words load on first use (catalogs.ts): a
 * locale not loaded yet reads as English, never as raw keys (elements wait for theirs).
 */
export function localeTranslator<K extends string>(name: string, en: Readonly<Record<K, string>>): Translate<K> {
  ENGLISH.set(name, en);
  return (locale, key, params = {}) => {
    const words = (catalog(locale, name) ?? en) as Readonly<Record<K, string>>;
    const values: Record<string, string> = {};
    for (const [k, value] of Object.entries(params)) values[k] = String(value);
    return format(words[key] ?? en[key], values);
  };
}

/** The UI string `key` in `locale`, with `{name}` placeholders filled as text. */
export const t: Translate<StringKey> = localeTranslator('shared', en);

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
