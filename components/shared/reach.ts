// Saying which dashboard filters reach a widget (and which do not): a chart that a
// filter leaves whole says so in words ("Not filtered by channel"), to the eye and to
// screen readers, so nobody reads the whole page as "phone customers"; and a chart that
// the filters emptied names them ("No NPS answers for Channel: Phone").
// The words: reach.en.ts, reach.pt-BR.ts, reach.es.ts, each loaded on first use (catalogs.ts).
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import { listFormat } from '../../src/i18n/format-intl.js';
import type { DashboardFilter, FilterKind } from './context.js';
import { localeTranslator } from './strings.js';
import type { en } from './reach.en.js';

export type Key = keyof typeof en;

const tr = localeTranslator<Key>('reach');

/** What a filter filters by, in a word ("channel", or the segment's column, e.g. "plan"). */
export function filterSubject(filter: Pick<DashboardFilter, 'kind' | 'column'>, locale: Locale): string {
  return tr(locale, `kind_${filter.kind satisfies FilterKind}` as Key, { column: filter.column ?? '' });
}

/** "Not filtered by channel and cohort", or nothing when every filter reaches the widget. */
export function renderUnreached(filters: readonly DashboardFilter[], locale: Locale): TemplateResult | typeof nothing {
  if (filters.length === 0) return nothing;
  const subjects = [...new Set(filters.map((f) => filterSubject(f, locale)))];
  const list = listFormat(locale, { type: 'conjunction' }).format(subjects);
  return html`<p class="pulso-unreached" part="unreached" role="note" title=${tr(locale, 'notFilteredHint')}>
    <span aria-hidden="true">⊘</span> ${tr(locale, 'notFiltered', { list })}
  </p>`;
}

/**
 * The empty state's message: the widget's own (`base(filters)` gets the reached
 * filters in words when there are any), else a generic one naming them.
 */
export function filteredEmptyMessage(
  filters: readonly { filter: DashboardFilter; reached: boolean }[],
  locale: Locale,
  base: (filters: string | undefined) => string | undefined,
): string | undefined {
  const reached = filters.filter((f) => f.reached).map((f) => f.filter.describe(locale));
  if (reached.length === 0) return base(undefined);
  const list = reached.join(' · ');
  return base(list) ?? tr(locale, 'emptyFiltered', { filters: list });
}
