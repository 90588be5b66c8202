// The frame every chart widget shares (issue 4 "chart frame"): a titled
// <figure> with a summary for screen readers, a toolbar (chart/table toggle and
// exports), the notices and stale lines, then the chart with its legend or the
// accessible table. A plain template function; all text reaches the page only
// through Lit bindings and there are no style attributes (strict CSP, DESIGN.md §3.10).
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Locale } from '../../src/i18n/messages.js';
import { t } from './strings.js';
import { renderScrollHint } from './scroll-cue.js';

export type ChartView = 'chart' | 'table';
export type ExportKind = 'csv' | 'svg' | 'png';

type Slot = TemplateResult | typeof nothing;

export interface ChartFrameOptions {
  title: string;
  /** One or two sentences saying what the chart shows; the chart's accessible description. */
  summary: string;
  locale: Locale;
  view: ChartView;
  onToggleView: () => void;
  onExport: (kind: ExportKind) => void;
  chart: TemplateResult;
  /** The table view, made only while it shows (formatting every row of a large table for nothing cost a click tens of ms). */
  table: () => TemplateResult;
  legend?: Slot;
  /** Widget controls at the start of the toolbar (e.g. heatmap / curves). */
  controls?: Slot;
  notices?: Slot;
  stale?: Slot;
  /** Show the summary on screen too; by default it is for screen readers only. */
  summaryVisible?: boolean;
  /** The Download menu's formats (default all: a view with no SVG offers CSV only). */
  exports?: readonly ExportKind[];
  /** The title's heading level (default 3). */
  headingLevel?: number;
  /** The table is wider than the box: it scrolls, and says so under it. */
  tableHint?: string;
}

export const FRAME_TITLE_ID = 'pulso-frame-title';

/** The heading level of a title: 1–6, else 3 (a widget's title usually sits under the page's h2). */
export function headingLevelOf(level: number | undefined): number {
  return level !== undefined && Number.isInteger(level) && level >= 1 && level <= 6 ? level : 3;
}

/**
 * A widget's title at the heading level its host asked for (`heading-level`), so the
 * page's outline stays in order; one template per level, as tag names cannot be bound.
 */
export function renderTitle(title: string, level?: number, id: string | undefined = FRAME_TITLE_ID): TemplateResult {
  const i = ifDefined(id);
  switch (headingLevelOf(level)) {
    case 1: return html`<h1 part="title" id=${i} class="pulso-frame-title">${title}</h1>`;
    case 2: return html`<h2 part="title" id=${i} class="pulso-frame-title">${title}</h2>`;
    case 4: return html`<h4 part="title" id=${i} class="pulso-frame-title">${title}</h4>`;
    case 5: return html`<h5 part="title" id=${i} class="pulso-frame-title">${title}</h5>`;
    case 6: return html`<h6 part="title" id=${i} class="pulso-frame-title">${title}</h6>`;
    default: return html`<h3 part="title" id=${i} class="pulso-frame-title">${title}</h3>`;
  }
}
export const FRAME_SUMMARY_ID = 'pulso-frame-summary';

/** The Download menu's formats, in menu order, with their labels' string keys. */
const EXPORTS: readonly { kind: ExportKind; key: 'downloadCsv' | 'downloadSvg' | 'downloadPng' }[] = [
  { kind: 'csv', key: 'downloadCsv' },
  { kind: 'svg', key: 'downloadSvg' },
  { kind: 'png', key: 'downloadPng' },
];

export function renderChartFrame(o: ChartFrameOptions): TemplateResult {
  const table = o.view === 'table';
  return html`<figure part="frame" class="pulso-frame" aria-labelledby=${FRAME_TITLE_ID}>
    <div part="header" class="pulso-frame-header">
      ${renderTitle(o.title, o.headingLevel)}
      <p part="summary" id=${FRAME_SUMMARY_ID}
        class=${o.summaryVisible ? 'pulso-frame-summary' : 'pulso-frame-summary visually-hidden'}>${o.summary}</p>
    </div>
    <div part="toolbar" class="pulso-frame-toolbar">
      ${o.controls ?? nothing}
      <button type="button" part="button toggle" class="pulso-frame-toggle"
        @click=${() => o.onToggleView()}>${t(o.locale, table ? 'showChart' : 'showTable')}</button>
      <details part="exports" class="pulso-frame-exports">
        <summary part="button export-menu">${t(o.locale, 'download')}</summary>
        <div class="pulso-frame-menu">${renderExportItems(o.locale, o.onExport, o.exports)}</div>
      </details>
    </div>
    ${o.notices ?? nothing}
    ${o.stale ?? nothing}
    ${table
      ? renderTablePart(o.table(), o.tableHint)
      : html`<div part="chart" class="pulso-frame-chart" role="group"
            aria-labelledby=${FRAME_TITLE_ID} aria-describedby=${FRAME_SUMMARY_ID}>${o.chart}</div>
          ${o.legend && o.legend !== nothing
            ? html`<div part="legend" class="pulso-frame-legend">${o.legend}</div>`
            : nothing}`}
  </figure>`;
}

/** The table view's box; `hint` when the table is wider than it (it scrolls, and says so). */
export function renderTablePart(table: TemplateResult, hint: string | undefined): TemplateResult {
  return html`<div part="table" class=${hint ? 'pulso-frame-table scrolls' : 'pulso-frame-table'}>${table}${hint
    ? renderScrollHint(hint)
    : nothing}</div>`;
}

/** The Download menu's buttons, one per format (the KPI card's compact menu uses them too). */
export function renderExportItems(locale: Locale, onExport: (kind: ExportKind) => void, kinds?: readonly ExportKind[]): TemplateResult[] {
  return EXPORTS.filter((e) => !kinds || kinds.includes(e.kind)).map(
    (e) => html`<button type="button" part="button export" class="pulso-frame-export"
      data-kind=${e.kind} @click=${(ev: Event) => {
        // Close the menu once a format is chosen.
        (ev.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
        onExport(e.kind);
      }}>${t(locale, e.key)}</button>`,
  );
}

export const chartFrameStyles = css`
  .pulso-frame {
    margin: 0;
    padding: 0;
    color: var(--_pulso-fg, #1f2933);
    background: var(--_pulso-surface, #ffffff);
    font: inherit;
  }
  .pulso-frame-header {
    margin-bottom: 0.5rem;
  }
  .pulso-frame-title {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
    line-height: 1.4;
    overflow-wrap: anywhere;
  }
  .pulso-frame-summary {
    margin: 0.25rem 0 0;
    color: var(--_pulso-muted, #5b6573);
    font-size: 0.875rem;
  }
  .pulso-frame-toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: 0.5rem;
    margin: 0 0 0.5rem;
  }
  .pulso-frame-exports {
    position: relative;
  }
  .pulso-frame-exports > summary {
    list-style: none;
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    line-height: 1.4;
    gap: 0.375rem;
  }
  .pulso-frame-exports > summary::-webkit-details-marker {
    display: none;
  }
  .pulso-frame-exports > summary::after {
    content: '▾';
  }
  .pulso-frame-menu {
    position: absolute;
    z-index: 2;
    inset-inline-end: 0;
    top: calc(100% + 4px);
    display: grid;
    gap: 2px;
    padding: 4px;
    min-width: 10rem;
    background: var(--_pulso-surface, #ffffff);
    border: 1px solid var(--_pulso-border, #c9ced6);
    border-radius: 4px;
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.18);
  }
  .pulso-frame-menu button {
    text-align: start;
    border-color: transparent;
  }
  .pulso-frame-toolbar summary,
  .pulso-frame-toolbar button {
    box-sizing: border-box;
    line-height: 1.4;
    font: inherit;
    font-size: 0.8125rem;
    min-height: 2rem;
    padding: 0.25rem 0.75rem;
    color: var(--_pulso-fg, #1f2933);
    background: var(--_pulso-surface, #ffffff);
    border: 1px solid var(--_pulso-border, #c9ced6);
    border-radius: 4px;
    cursor: pointer;
  }
  .pulso-frame-toolbar button[aria-pressed='true'] {
    border-color: var(--_pulso-focus, #1a5fb4);
    box-shadow: inset 0 0 0 1px var(--_pulso-focus, #1a5fb4);
  }
  .pulso-frame-toolbar summary:focus-visible,
  .pulso-frame-toolbar button:focus-visible {
    outline: 2px solid var(--_pulso-focus, #1a5fb4);
    outline-offset: 2px;
  }
  .pulso-frame-chart {
    position: relative;
    width: 100%;
  }
  .pulso-frame-chart svg {
    display: block;
    max-width: 100%;
    height: auto;
  }
  /* A chart wider than its box scrolls instead of shrinking its text. */
  .pulso-frame-chart .scroll {
    overflow-x: auto;
  }
  .pulso-frame-chart .scroll > svg {
    max-width: none;
  }
  .pulso-frame-legend {
    margin-top: 0.5rem;
    font-size: 0.8125rem;
    color: var(--_pulso-muted, #5b6573);
  }
`;
