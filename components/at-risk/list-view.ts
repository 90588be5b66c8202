// The view of <pulso-at-risk>: the ranked list of customers with warning signs, each
// row saying which signs fired and how (days quiet against the usual gap, tickets
// open, the last NPS), keyboard-reachable; and the summary of the whole list.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { AtRiskRow, AtRiskSignal } from '../../src/metrics/at-risk.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel } from '../shared/strings.js';
import { tr } from './strings.js';
import type { AtRiskViewResult } from './types.js';

/** One signal of a row in words, with its figures. */
export function signalWords(row: AtRiskRow, signal: AtRiskSignal, r: AtRiskViewResult, locale: Locale, f: Formatters): string {
  if (signal === 'activity') return tr(locale, 'activity', { days: f.number(row.daysSinceActivity), gap: f.number(row.usualGapDays, row.usualGapDays !== null && !Number.isInteger(row.usualGapDays) ? 1 : 0) });
  if (signal === 'tickets') return tr(locale, 'tickets', { n: f.number(row.openTickets), d: f.number(r.ticketDays) });
  return tr(locale, 'nps', { score: f.number(row.lastNps) });
}

export function rowSignals(row: AtRiskRow, r: AtRiskViewResult, locale: Locale, f: Formatters): string {
  return row.signals.map((s) => signalWords(row, s, r, locale, f)).join('; ');
}

export function atRiskSummary(r: AtRiskViewResult, locale: Locale, f: Formatters): string {
  const count = (s: AtRiskSignal) => r.totals[s];
  const words: Record<AtRiskSignal, 'partsActivity' | 'partsTickets' | 'partsNps'> = { activity: 'partsActivity', tickets: 'partsTickets', nps: 'partsNps' };
  const parts = (['activity', 'tickets', 'nps'] as const)
    .filter((s) => count(s) > 0)
    .map((s) => tr(locale, 'part', { n: f.number(count(s)), signal: tr(locale, words[s]) }));
  const date = f.date(r.asOf);
  return `${tr(locale, 'summary', { date, n: f.number(r.totals.customers), parts: f.list(parts) })} ${tr(locale, 'caveat')}`;
}

export function renderList(r: AtRiskViewResult, ctx: RenderContext, label: string): TemplateResult {
  const { f, locale } = ctx;
  const shown = r.rows.slice(0, r.limit);
  return html`<ol class="pulso-chart risk-list" aria-label=${label}>
      ${shown.map(
        (row, i) => html`<li class="risk" data-mark data-col=${i}
          aria-label=${tr(locale, 'rowLabel', {
            rank: i + 1,
            customer: row.customer_id,
            segment: row.segment === undefined ? '' : ` (${segmentLabel(locale, row.segment)})`,
            signals: rowSignals(row, r, locale, f),
          })}>
          <span class="rank" aria-hidden="true">${i + 1}</span>
          <span class="who" aria-hidden="true"><strong class="id">${row.customer_id}</strong>
            ${row.segment === undefined ? nothing : html`<span class="segment">${segmentLabel(locale, row.segment)}</span>`}
            ${row.value === undefined ? nothing : html`<span class="value">${f.number(row.value, 2)}</span>`}</span>
          <span class="signals" aria-hidden="true">
            ${row.signals.map((s) => html`<span class="signal ${s}">${signalWords(row, s, r, locale, f)}</span>`)}
          </span>
        </li>`,
      )}
    </ol>
    ${r.totals.customers > shown.length ? html`<p class="more">${tr(locale, 'more', { n: f.number(r.totals.customers - shown.length) })}</p>` : nothing}`;
}
