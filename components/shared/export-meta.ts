// What an export says about itself, so a file read away from the page stands alone:
// the title, the date range, the filters it was made under and a source line
// ("Pulso · clinic-api.example · exported 2 Dec 2026"), in the widget's locale. The
// figure (export-figure.ts) draws them; the CSV writes them as columns or a comment.
// The words: export-meta.en.ts, export-meta.pt-BR.ts, export-meta.es.ts, each loaded on first use (catalogs.ts).
import type { Locale } from '../../src/i18n/messages.js';
import { dateFormat, listFormat } from '../../src/i18n/format-intl.js';
import { localeTranslator } from './strings.js';
import type { en } from './export-meta.en.js';

export type Key = keyof typeof en;

export const tx = localeTranslator<Key>('export-meta');

/** A half-open range [from, to) in epoch ms; either end may be open. */
export interface ExportRange {
  from?: number;
  to?: number;
}

export interface ExportMeta {
  title: string;
  /** The range in the locale's dates ("01/11/2025 – 31/01/2026"), or "All data". */
  range: string;
  /** The range as ISO dates for the CSV ("2025-11-01 – 2026-01-31"). */
  rangeIso: string;
  /** "Filtered: Plan: Gold", or undefined when no filter reached the data. */
  filters?: string;
  /** "Pulso · <source> · exported <date>". */
  source: string;
}

export interface ExportMetaInput {
  title: string;
  locale: Locale;
  timeZone?: string;
  range?: ExportRange;
  /** The filters that reached the widget's data, each in the user's words. */
  filters: readonly string[];
  /** The source's name: the host's label, else the adapter's id or the source address. */
  source: string;
  now?: Date;
}

function isoDate(ms: number, timeZone: string): string {
  // en-CA writes ISO dates (YYYY-MM-DD) in any zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

function rangeText(locale: Locale, range: ExportRange | undefined, day: (ms: number) => string): string {
  const from = range?.from;
  // The end is exclusive: the last day shown is the one before it.
  const to = range?.to === undefined ? undefined : range.to - 1;
  if (from !== undefined && to !== undefined) return tx(locale, 'rangeBoth', { from: day(from), to: day(Math.max(from, to)) });
  if (from !== undefined) return tx(locale, 'rangeFrom', { from: day(from) });
  if (to !== undefined) return tx(locale, 'rangeTo', { to: day(to) });
  return tx(locale, 'allData');
}

/**
 * A source as people read it: the host of an address (`json:https://api.example/v1` →
 * `api.example`), a path on this page's host (`json:/api` → `intranet.example/api`),
 * other names as they are.
 */
export function sourceName(id: string, host?: string): string {
  const match = /[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(id);
  if (match) return match[1]!;
  const path = /^[a-z]+:(\/[^?#]*)/i.exec(id)?.[1] ?? (id.startsWith('/') ? id : undefined);
  return path !== undefined && host ? `${host}${path}` : id;
}

export function exportMeta(o: ExportMetaInput): ExportMeta {
  const timeZone = o.timeZone ?? 'UTC';
  const local = dateFormat(o.locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const now = o.now ?? new Date();
  const filters = o.filters.length
    ? tx(o.locale, 'filtered', { list: listFormat(o.locale, { type: 'conjunction' }).format(o.filters) })
    : undefined;
  return {
    title: o.title,
    range: rangeText(o.locale, o.range, (ms) => local.format(ms)),
    rangeIso: rangeText(o.locale, o.range, (ms) => isoDate(ms, timeZone)),
    filters,
    source: tx(o.locale, 'sourceLine', {
      source: sourceName(o.source, typeof location === 'undefined' ? undefined : location.host),
      date: dateFormat(o.locale, { dateStyle: 'medium', timeZone }).format(now),
    }),
  };
}

/** The CSV's metadata columns (`export-metadata="columns"`): the same three values on every row. */
export function metaColumns(meta: ExportMeta, locale: Locale): { key: string; header: string; value: string }[] {
  return [
    { key: '__range', header: tx(locale, 'colRange'), value: meta.rangeIso },
    { key: '__filters', header: tx(locale, 'colFilters'), value: meta.filters ?? tx(locale, 'noFilters') },
    { key: '__source', header: tx(locale, 'colSource'), value: meta.source },
  ];
}

/** The CSV's first line (`export-metadata="comment"`), without its '# '. */
export function metaComment(meta: ExportMeta, locale: Locale): string {
  return [meta.title, meta.rangeIso, meta.filters ?? tx(locale, 'noFilters'), meta.source].join(' — ');
}
