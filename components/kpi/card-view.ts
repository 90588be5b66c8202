// The drawing of a KPI card (issue 5): a compact frame (title, a table toggle and
// a download menu as two small icon buttons), the value, the delta with an arrow
// and a hidden sentence, what it counts, and the sparkline with keyboard marks.
// Text reaches the page only through Lit bindings; no style attributes.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import type { KpiLayout } from '../../src/charts/kpi.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { RenderContext } from '../shared/chart-element.js';
import { FRAME_SUMMARY_ID, FRAME_TITLE_ID, renderExportItems, renderTablePart, renderTitle } from '../shared/chart-frame.js';
import type { ChartView, ExportKind } from '../shared/chart-frame.js';
import { t } from '../shared/strings.js';
import { arrowOf, evidenceText, formatDelta, formatValue, valueIntervalText } from './format.js';
import type { FigureLine } from '../shared/export-figure.js';
import type { KpiResult } from './types.js';
import { tk } from './strings.js';
import { countLine, directionSentence, pointLabel, previousPhrase, rangeLabel } from './words.js';

export const SPARK_HEIGHT = 44;
/** Room around the sparkline for the dots and their focus ring, px. */
export const SPARK_MARGIN = 6;
export const SPARK_MARGINS = { top: SPARK_MARGIN, right: SPARK_MARGIN, bottom: SPARK_MARGIN, left: SPARK_MARGIN };
/** From this width on, the sparkline sits beside the figures instead of under them. */
const WIDE = 520;

export const isWide = (width: number): boolean => width >= WIDE;
export const sparkWidth = (width: number): number => (isWide(width) ? Math.min(360, Math.round(width * 0.45)) : width);

export interface CardFrameOptions {
  title: string;
  summary: string;
  locale: Locale;
  view: ChartView;
  onToggleView: () => void;
  onExport: (kind: ExportKind) => void;
  /** The card body (chart view) with its tooltip. */
  body: TemplateResult;
  /** The table view, made only while it shows. */
  table: () => TemplateResult;
  notices: unknown;
  /** The title's heading level (default 3). */
  headingLevel?: number;
  /** The table is wider than the card: it scrolls, and says so. */
  tableHint?: string;
}

const TABLE_ICON = svg`<svg class="kpi-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
  <rect x="1.5" y="2.5" width="13" height="11" rx="1" fill="none" stroke="currentColor"></rect>
  <path d="M1.5 6.5h13M1.5 10h13M6 6.5v7" fill="none" stroke="currentColor"></path></svg>`;
const DOWNLOAD_ICON = svg`<svg class="kpi-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
  <path d="M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 13.5h11" fill="none" stroke="currentColor" stroke-width="1.5"></path></svg>`;

/**
 * The card frame: the same ids, parts and Download menu items as the shared chart
 * frame, but the toolbar is two icon buttons in the header and there is no legend.
 */
export function renderCardFrame(o: CardFrameOptions): TemplateResult {
  const table = o.view === 'table';
  // The toggle says what it does next: show the table, or show the card again.
  const showTable = table ? t(o.locale, 'showChart') : tk(o.locale, 'showTable');
  const download = tk(o.locale, 'download');
  return html`<figure part="frame" class="pulso-frame kpi" aria-labelledby=${FRAME_TITLE_ID}>
    <div part="header" class="pulso-frame-header kpi-head">
      ${renderTitle(o.title, o.headingLevel)}
      <div part="toolbar" class="pulso-frame-toolbar kpi-tools">
        <button type="button" part="button toggle" class="pulso-frame-toggle kpi-tool"
          aria-label=${showTable} title=${showTable} @click=${() => o.onToggleView()}>${TABLE_ICON}</button>
        <details part="exports" class="pulso-frame-exports">
          <summary part="button export-menu" class="kpi-tool" aria-label=${download} title=${download}>${DOWNLOAD_ICON}</summary>
          <div class="pulso-frame-menu">${renderExportItems(o.locale, o.onExport)}</div>
        </details>
      </div>
    </div>
    <p part="summary" id=${FRAME_SUMMARY_ID} class="pulso-frame-summary visually-hidden">${o.summary}</p>
    ${o.notices}
    ${table
      ? renderTablePart(o.table(), o.tableHint)
      : html`<div part="chart" class="pulso-frame-chart" role="group" aria-labelledby=${FRAME_TITLE_ID}
          aria-describedby=${FRAME_SUMMARY_ID}>${o.body}</div>`}
  </figure>`;
}

/**
 * The card's figures as lines of an exported picture: the value (large), its interval,
 * the change against the previous range, the evidence, and what it counts.
 */
export function cardFigures(r: KpiResult, l: KpiLayout, hidden: boolean, ctx: RenderContext): FigureLine[] {
  const { f, locale } = ctx;
  const lines: FigureLine[] = [];
  const add = (text: string, size: number, weight?: number): void => {
    if (text) lines.push({ text, size, weight });
  };
  if (hidden) add(`${t(locale, 'suppressed', { k: r.k })} — ${tk(locale, 'hiddenValue', { k: r.k })}`, 20, 600);
  else add(formatValue(r.metric, l.value, f), 32, 700);
  if (!hidden) add(valueIntervalText(r.metric, l.ciLow, l.ciHigh, f), 12);
  if (l.delta === null) add(directionSentence(r, l, f), 14);
  else {
    const shown = formatDelta(r.metric, l.delta, f);
    add(`${arrowOf(l.delta, shown)} ${shown} ${tk(locale, 'vs', { previous: previousPhrase(r, locale, f) })}`, 16, 600);
    // The evidence says whether the change is likely real; without it, the sentence says which way it went.
    add(evidenceText(r.metric, l, r.minSample, f) || directionSentence(r, l, f), 12);
  }
  if (!hidden) add(countLine(r.metric, r.row.n, f), 12);
  return lines;
}

/** The figures and the sparkline. `hidden`: the value itself is suppressed. */
export function renderCard(r: KpiResult, l: KpiLayout, hidden: boolean, heading: string, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const count = hidden ? '' : countLine(r.metric, r.row.n, f);
  const ci = hidden ? '' : valueIntervalText(r.metric, l.ciLow, l.ciHigh, f);
  return html`<div class=${isWide(ctx.width) ? 'kpi-body wide' : 'kpi-body'}>
    <div class="kpi-figures">
      ${hidden
        ? html`<p part="value" class="kpi-value suppressed">${t(locale, 'suppressed', { k: r.k })}</p>
            <p class="kpi-note">${tk(locale, 'hiddenValue', { k: r.k })}</p>`
        : html`<p part="value" class="kpi-value">${formatValue(r.metric, l.value, f)}</p>`}
      ${ci ? html`<p class="kpi-ci">${ci}</p>` : nothing}
      ${renderDelta(r, l, ctx)}
      <p class="kpi-meta">${count ? html`<span>${count}</span> · ` : nothing}<span>${rangeLabel(r.from, r.to, f)}</span></p>
    </div>
    ${renderSpark(r, l, heading, ctx)}
  </div>`;
}

function renderDelta(r: KpiResult, l: KpiLayout, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const sentence = directionSentence(r, l, f);
  if (l.delta === null) return html`<p part="delta" class="kpi-delta dir-none">${sentence}</p>`;
  const shown = formatDelta(r.metric, l.delta, f);
  const evidence = evidenceText(r.metric, l, r.minSample, f);
  return html`<p part="delta" class="kpi-delta dir-${l.direction}">
    <span class="kpi-change"><span class="kpi-arrow" aria-hidden="true">${arrowOf(l.delta, shown)}</span>
      ${shown}</span><span class="visually-hidden">, ${sentence}</span>
    <span class="kpi-vs" aria-hidden="true">${tk(locale, 'vs', { previous: previousPhrase(r, locale, f) })}</span>
  </p>
  ${evidence ? html`<p part="evidence" class="kpi-evidence ev-${l.evidence}">${evidence}</p>` : nothing}`;
}

/** x of every sparkline period, valued or not: the layout's own x where it has one, the same point scale otherwise. */
function xs(r: KpiResult, l: KpiLayout): number[] {
  const spark = l.sparkline!;
  const known = new Map(spark.points.map((p) => [p.period, p.x]));
  const n = r.spark!.length;
  const inner = spark.width - 2 * SPARK_MARGIN;
  return r.spark!.map((p, i) => known.get(p.period) ?? Math.round((SPARK_MARGIN + (n > 1 ? (i * inner) / (n - 1) : inner / 2)) * 10) / 10);
}

function renderSpark(r: KpiResult, l: KpiLayout, heading: string, ctx: RenderContext): TemplateResult | typeof nothing {
  const spark = l.sparkline;
  if (!spark || !r.spark?.length || !r.period) return nothing;
  const { f, locale } = ctx;
  const x = xs(r, l);
  const ys = new Map(spark.points.map((p) => [p.period, p.y]));
  const base = spark.height - SPARK_MARGIN;
  const marks = r.spark.map((p, i) => {
    const y = ys.get(p.period);
    const label = pointLabel(r, i, f);
    if (y !== undefined)
      return svg`<circle data-mark data-col=${i} role="img" aria-label=${label} class=${i === r.spark!.length - 1 ? 'spark-dot end' : 'spark-dot'}
        cx=${x[i]} cy=${y} r="3.5"></circle>`;
    if (p.suppressed)
      return svg`<circle data-mark data-col=${i} role="img" aria-label=${label} class="spark-hidden" cx=${x[i]} cy=${base} r="3"></circle>`;
    return nothing;
  });
  const unit = tk(locale, `unit${r.period}`);
  const first = f.periodLabel(r.spark[0].period, r.period);
  const last = f.periodLabel(r.spark[r.spark.length - 1].period, r.period);
  return html`<div class="kpi-spark-box">
    <svg class="pulso-chart kpi-spark" width=${spark.width} height=${spark.height} viewBox="0 0 ${spark.width} ${spark.height}"
      role="group" aria-label=${tk(locale, 'spark', { metric: heading, unit })}>
      <path class="spark-line" d=${spark.path}></path>
      ${marks}
    </svg>
    <div class="kpi-spark-axis" aria-hidden="true"><span>${first}</span><span>${last}</span></div>
  </div>`;
}
