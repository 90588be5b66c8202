// What a widget says above its chart: how fresh its data is when it came from the
// cache (stale, offline), the rows skipped with exact counts (SPEC §1), and the
// widget's own notices (e.g. customers in no cohort).
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { ValidationReport } from '../../src/data/schema.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { LoadMeta } from '../../src/cache/cached-meta.js';
import { plural } from '../../src/i18n/format-intl.js';
import { formatters } from '../../src/i18n/format.js';
import { groupedCount, OTHERS } from '../../src/metrics/others.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { DashboardFilter } from './context.js';
import { renderUnreached } from './reach.js';
import { renderNotices, renderOffline, renderStale } from './states.js';
import { t } from './strings.js';

export interface WidgetNotices {
  meta: LoadMeta | undefined;
  report: ValidationReport;
  /** The widget is on its dashboard's data: the dashboard says the skipped rows once. */
  shared: boolean;
  /** The dashboard filters that do not reach this widget's data. */
  unreached: readonly DashboardFilter[];
  extra: readonly string[];
  locale: Locale;
  timeZone?: string;
}

/** "Offline: showing data from <time>" or "Updated n minutes ago" when the data came so from the cache. */
export function renderFreshness(meta: LoadMeta | undefined, locale: Locale, timeZone?: string): TemplateResult | typeof nothing {
  if (!meta) return nothing;
  if (meta.offline) return renderOffline(meta.fetchedAt, locale, timeZone);
  return meta.stale ? renderStale(meta.fetchedAt, coordinator.now(), locale) : nothing;
}

export function renderWidgetNotices(o: WidgetNotices): TemplateResult {
  return html`${renderFreshness(o.meta, o.locale, o.timeZone)}${renderUnreached(o.unreached, o.locale)}${o.shared ? nothing : renderNotices(o.report, o.locale)}${o.extra.length
    ? html`<ul class="pulso-notices pulso-widget-notices" role="status">
        ${o.extra.map((n) => html`<li>${n}</li>`)}
      </ul>`
    : nothing}`;
}

/**
 * "12 smaller segments are grouped as “Others”." when rows hold the folded segments
 * (their `key` column is "(others)"); the count when the rows carry it (computed here,
 * not at a source that does not say).
 */
export function othersNotice(rows: readonly object[], key: string, locale: Locale, n = groupedCount(rows)): string[] {
  if (!rows.some((r) => (r as Record<string, unknown>)[key] === OTHERS)) return [];
  if (n === 0) return [t(locale, 'othersGroupedSome')];
  return [t(locale, plural(locale, n) === 'one' ? 'othersGroupedOne' : 'othersGrouped', { n: formatters(locale).number(n) })];
}
