// <pulso-at-risk>: who may be about to leave — a ranked, explainable list of customers
// whose activity fell well below their own rhythm, who have tickets open too long, or
// whose last NPS was a detractor; each row says which signs fired. A rule-based early
// warning, not a prediction model (bench/RESULTS.md measures how often flagged customers
// do leave). Rows are people, so it draws only when the host sets `allow-row-level`,
// and inside a dashboard that hides small cells only when the dashboard allows it too.
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { AtRiskRow } from '../../src/metrics/at-risk.js';
import { checkAtRiskOptions } from '../../src/metrics/at-risk-options.js';
import { atRiskTotals, countTotals } from '../../src/metrics/at-risk-rows.js';
import { wordsState } from '../shared/catalogs.js';
import { PulsoChartElement, listOption, numberOption, textOption } from '../shared/chart-element.js';
import type { MarkInfo, RenderContext, TableSpec } from '../shared/chart-element.js';
import type { ExportKind } from '../shared/chart-frame.js';
import type { Answers, WidgetPlan } from '../shared/data-controller.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import type { SkeletonShape } from '../shared/states.js';
import { segmentLabel } from '../shared/strings.js';
import type { TableColumn } from '../shared/table-view.js';
import { atRiskSummary, renderList, rowSignals, signalWords } from './list-view.js';
import { styles } from './pulso-at-risk.styles.js';
import { tr } from './strings.js';
import type { AtRiskViewResult, RowLevelBlock } from './types.js';

export type { AtRiskViewResult } from './types.js';

/**
 * A ranked list of customers showing warning signs, each row saying which signs fired.
 *
 * @fires pulso-data-error - Loading or computing failed.
 * @csspart frame - The figure around title, toolbar and list.
 * @csspart chart - The list.
 * @csspart table - The table view (every row; the CSV export has them all).
 * @csspart tooltip - The tooltip of the active row.
 * @cssprop --pulso-fg - Text colour.
 * @cssprop --pulso-warning - Border of the ticket and NPS signs.
 * @cssprop --pulso-focus - Focus ring of rows and buttons.
 */
@customElement('pulso-at-risk')
export class PulsoAtRisk extends PulsoChartElement<AtRiskViewResult> {
  static override styles = styles;

  /** Required: the host allows a list of individual customers here. */
  @property({ attribute: 'allow-row-level', type: Boolean }) allowRowLevel = false;
  /** The day the list is made: only data before it is read (default now). */
  @property({ attribute: 'as-of' }) asOf?: string;
  /** Which signs to look for: activity, tickets, nps (comma-separated; default all). */
  @property() signals?: string | string[];
  /** The activity events that count (comma-separated; default any). */
  @property() events?: string | string[];
  /** Activity: quiet for at least this many times the customer's usual gap (default 3). */
  @property({ attribute: 'gap-factor', type: Number }) gapFactor?: number;
  /** Activity: …and at least this many days (default 30). */
  @property({ attribute: 'min-quiet-days', type: Number }) minQuietDays?: number;
  /** Tickets: open for at least this many days (default 7). */
  @property({ attribute: 'ticket-days', type: Number }) ticketDays?: number;
  /** NPS: the last answer within this many days (default 180). */
  @property({ attribute: 'nps-days', type: Number }) npsDays?: number;
  /** Customers with at least this many signs are listed (default 1). */
  @property({ attribute: 'min-signals', type: Number }) minSignals?: number;
  /** A customer attribute shown on each row (e.g. `plan`). */
  @property() by?: string;

  protected override segmentColumn(): string | undefined {
    return textOption(this.by);
  }
  /** A numeric customer column shown and ranked by among equals (e.g. `revenue`). */
  @property() value?: string;
  /**
   * Rows asked for and drawn (default 25): the first of the ranking. The table and CSV
   * have these rows; the summary counts every customer listed, computed where the list is.
   */
  @property({ type: Number }) limit?: number;

  /** Why the list may not draw here, or undefined when it may. */
  protected get blocked(): RowLevelBlock | undefined {
    if (!this.allowRowLevel) return 'host';
    const dashboard = this.data.dashboardContext;
    if (dashboard && (numberOption(dashboard.defaults.minCellSize) ?? 0) > 1 && !dashboard.allowRowLevel) return 'dashboard';
    return undefined;
  }

  private options() {
    return {
      asOf: textOption(this.asOf),
      signals: listOption(this.signals),
      events: listOption(this.events),
      gapFactor: numberOption(this.gapFactor),
      minQuietDays: numberOption(this.minQuietDays),
      ticketDays: numberOption(this.ticketDays),
      npsDays: numberOption(this.npsDays),
      minSignals: numberOption(this.minSignals),
      by: textOption(this.by),
      value: textOption(this.value),
      // Only these rows travel (a list of 184,810 at 10M events was 28 MB); the totals come with them.
      limit: this.rowLimit(),
    };
  }

  private rowLimit(): number {
    return Math.max(1, Math.floor(numberOption(this.limit) ?? 25));
  }

  protected plan(): WidgetPlan {
    // Nothing is loaded where the list may not draw.
    if (this.blocked) return { queries: {} };
    return { queries: { list: { metric: 'atRisk', options: this.options() } } };
  }

  protected result(answers: Answers): AtRiskViewResult {
    const s = checkAtRiskOptions(this.options());
    const rows = (answers.list ?? []) as unknown as AtRiskRow[];
    return {
      rows,
      // An answer without totals (a server of an older Pulso) is the whole list.
      totals: atRiskTotals(rows) ?? countTotals(rows),
      asOf: s.asOf,
      by: s.by,
      value: s.value,
      limit: s.limit,
      ticketDays: s.ticketDays,
    };
  }

  protected defaultHeading(locale: Locale): string {
    return tr(locale, 'heading');
  }

  protected skeleton(): SkeletonShape {
    return 'bars';
  }

  protected isEmpty(result: AtRiskViewResult): boolean {
    return result.rows.length === 0;
  }

  protected override emptyMessage(locale: Locale, filters?: string): string {
    const date = this.context.f.date(this.data.value?.result.asOf ?? Date.now());
    return filters ? tr(locale, 'emptyFiltered', { filters }) : tr(locale, 'empty', { date });
  }

  protected summary(result: AtRiskViewResult, ctx: RenderContext): string {
    return atRiskSummary(result, ctx.locale, ctx.f);
  }

  protected override summaryVisible(): boolean {
    return true;
  }

  /** A list, not an SVG chart: the rows go out as CSV, for the care team. */
  protected override exportKinds(): readonly ExportKind[] {
    return ['csv'];
  }

  override render(): unknown {
    const block = this.blocked;
    // Its words first (the base class shows their loading or failure state).
    if (!block || wordsState(this.resolvedLocale) !== 'ready') return super.render();
    const message = tr(this.resolvedLocale, block === 'host' ? 'blockedHost' : 'blockedDashboard');
    return this.renderState(textOption(this.heading) ?? this.defaultHeading(this.resolvedLocale), html`<p class="row-level-off" role="note">${message}</p>`);
  }

  protected renderChart(result: AtRiskViewResult, ctx: RenderContext): TemplateResult {
    return renderList(result, ctx, textOption(this.heading) ?? this.defaultHeading(ctx.locale));
  }

  protected markAt(_mark: Element, pos: MarkPosition, result: AtRiskViewResult, ctx: RenderContext): MarkInfo | undefined {
    const row = result.rows[pos.col];
    if (!row) return undefined;
    const { f, locale } = ctx;
    const lines = row.signals.map((s) => ({ label: '', value: signalWords(row, s, result, locale, f) }));
    if (row.segment !== undefined) lines.unshift({ label: tr(locale, 'segment'), value: segmentLabel(locale, row.segment) });
    return { tip: { title: row.customer_id, lines } };
  }

  protected table(result: AtRiskViewResult, ctx: RenderContext): TableSpec {
    const { f, locale } = ctx;
    const cols: TableColumn[] = [
      { key: 'customer_id', header: tr(locale, 'customer'), format: 'text' },
      { key: 'signals', header: tr(locale, 'signals'), format: 'text' },
      { key: 'daysSinceActivity', header: tr(locale, 'daysSince'), format: 'count' },
      { key: 'usualGapDays', header: tr(locale, 'usualGap'), format: 'count', digits: 1 },
      { key: 'openTickets', header: tr(locale, 'openTickets'), format: 'count' },
      { key: 'lastNps', header: tr(locale, 'lastNps'), format: 'count' },
    ];
    if (result.value !== undefined) cols.splice(1, 0, { key: 'value', header: tr(locale, 'value'), format: 'count', digits: 2 });
    if (result.by !== undefined) cols.splice(1, 0, { key: 'segment', header: tr(locale, 'segment'), format: 'text', codes: '' });
    const rows = result.rows.map((r) => ({
      ...r,
      signals: rowSignals(r, result, locale, f),
    }));
    return { columns: cols, rows };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pulso-at-risk': PulsoAtRisk;
  }
}
