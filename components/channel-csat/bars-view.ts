// The chart of <pulso-channel-csat>: a row per group with its name and n on the
// left, the CSAT bar with its Wilson whisker and previous-period tick, then CSAT
// and its change (in colour only when it is likely real), then the optional ticket
// columns, all on the row's centre line.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { csatBarsLayout } from '../../src/charts/csat-bars.js';
import type { CsatBar, CsatBarsLayout } from '../../src/charts/csat-bars.js';
import { categorical } from '../../src/charts/palette.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { TicketStatsRow } from '../../src/metrics/tickets.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel, t } from '../shared/strings.js';
import { differenceText, verdictText } from '../shared/compare-words.js';
import type { CsatResult, TicketColumn } from './types.js';
import { tc } from './strings.js';
import type { CsatKey } from './strings.js';

/** What the view needs besides the result: thresholds and the chart's name. */
export interface BarsOptions {
  minAnswers: number;
  /** Fewer answers than this in either window: the change is not compared. */
  minSample: number;
  wideInterval: number;
  k: number;
  satisfiedMin: number;
  scale: number;
  label: string;
}

export interface BarsGeometry {
  layout: CsatBarsLayout;
  labelWidth: number;
  /** Left of the CSAT/change column and of each ticket column. */
  statsX: number;
  columnX: number[];
  columnWidth: number;
}

const HEAD = 40;
const STATS_W = 84;
const MIN_PLOT = 120;
const MIN_PLOT_NARROW = 96;
const MINUTE_MS = 60_000;

export function barsGeometry(result: CsatResult, o: BarsOptions, width: number): BarsGeometry {
  const narrow = width < 560;
  const labelWidth = narrow ? 92 : 136;
  const columnWidth = narrow ? 96 : 104;
  const right = STATS_W + result.columns.length * columnWidth + 8;
  // Narrow screens keep bars, CSAT and change in view and scroll sideways to the ticket columns.
  const total = Math.max(width, labelWidth + (narrow ? MIN_PLOT_NARROW : MIN_PLOT) + right);
  const layout = csatBarsLayout(result.rows, {
    width: total,
    labelWidth,
    barMin: 24,
    gap: 14,
    margin: { top: HEAD, right, bottom: 28, left: 0 },
    previous: result.previous,
    minN: o.minAnswers,
    minSample: o.minSample,
    wideInterval: o.wideInterval,
  });
  const statsX = layout.plot.right + 12;
  const columnX = result.columns.map((_, i) => statsX + STATS_W + i * columnWidth);
  return { layout, labelWidth, statsX, columnX, columnWidth };
}

const HEADERS: Record<TicketColumn, [CsatKey, CsatKey]> = {
  fcr: ['fcr', 'fcrSub'],
  'first-response': ['firstResponse', 'lowerBetter'],
  resolution: ['resolution', 'lowerBetter'],
  volume: ['volume', 'volumeSub'],
};

/** How many channels' changes were compared (the q-values' m). */
export function changeCount(bars: readonly CsatBar[]): number {
  return bars.filter((b) => b.change?.pValue !== null && b.change?.pValue !== undefined).length;
}

/** "−31.9 pts (95% CI −37.0 to −26.4), two-proportion z-test", or why it is not compared. */
export function changeWords(bar: CsatBar, o: BarsOptions, f: Formatters): string {
  const c = bar.change;
  if (!c) return '';
  // differenceText reads fractions; the bar's change is in points.
  const frac = (v: number | null) => (v === null ? null : v / 100);
  return differenceText(f, { diff: frac(c.diff), diffLow: frac(c.diffLow), diffHigh: frac(c.diffHigh), test: c.test, tooFew: c.tooFew }, o.minSample);
}

/** The verdict on a bar's change, adjusted over the chart's `m` compared channels; '' when untested. */
export function changeVerdict(bar: CsatBar, m: number, f: Formatters): string {
  const q = bar.change?.qValue;
  return typeof q === 'number' ? verdictText(f, q, m) : '';
}

export function ticketValue(column: TicketColumn, s: TicketStatsRow | undefined, f: Formatters): string {
  switch (column) {
    case 'fcr':
      return f.percent(s?.fcr, 0);
    case 'first-response':
      return f.duration(minutes(s?.firstResponseMedianMin));
    case 'resolution':
      return f.duration(minutes(s?.resolutionMedianMin));
    default:
      return f.number(s?.tickets);
  }
}

export const minutes = (m: number | null | undefined): number | null =>
  m === null || m === undefined ? null : m * MINUTE_MS;

/** A name cut to the label column (the full name is in the mark's label and the table). */
function fit(name: string, width: number): string {
  const max = Math.max(4, Math.floor(width / 7));
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

/** The bar's accessible name; `m` is how many channels' changes the chart compared. */
export function barLabel(bar: CsatBar, result: CsatResult, o: BarsOptions, f: Formatters, locale: Locale, m: number): string {
  const channel = segmentLabel(locale, bar.channel);
  if (bar.suppressed) return tc(locale, 'barHidden', { channel, k: o.k });
  if (bar.csat === null) return tc(locale, 'barNone', { channel });
  let label = tc(locale, 'barLabel', {
    channel,
    csat: f.percent(bar.csat / 100, 1),
    low: f.percent((bar.ciLow ?? NaN) / 100, 1),
    high: f.percent((bar.ciHigh ?? NaN) / 100, 1),
    n: f.number(bar.n),
  });
  if (bar.previous !== null) {
    label += tc(locale, 'barChange', { previous: f.percent(bar.previous / 100, 1), delta: changeWords(bar, o, f) || f.delta(bar.delta, 'points', 1) });
    const verdict = changeVerdict(bar, m, f);
    if (verdict) label += `, ${verdict}`;
  }
  if (bar.wide) label += tc(locale, 'barFew');
  if (result.columns.length) {
    const s = result.tickets.get(bar.channel);
    const list = result.columns.map((c) => `${tc(locale, HEADERS[c][0])} ${ticketValue(c, s, f)}`);
    label += tc(locale, 'barTickets', { list: f.list(list) });
  }
  return label;
}

function statsText(bar: CsatBar, o: BarsOptions, f: Formatters, locale: Locale): string {
  if (bar.suppressed) return t(locale, 'suppressed', { k: o.k });
  return f.percent(bar.csat === null ? null : bar.csat / 100, 1);
}

function renderHeader(g: BarsGeometry, result: CsatResult, ctx: RenderContext): TemplateResult {
  const { locale } = ctx;
  const head = (x: number, anchor: string, a: string, b: string, cls = '') =>
    svg`<text class=${`col-head ${cls}`} x=${x} y="14" text-anchor=${anchor}>${a}</text>
      <text class=${`col-sub ${cls}`} x=${x} y="28" text-anchor=${anchor}>${b}</text>`;
  return svg`<g class="heads" aria-hidden="true">
    ${head(4, 'start', tc(locale, result.by === 'channel' ? 'channel' : 'segment'), tc(locale, 'answers'))}
    ${head(g.statsX + STATS_W - 10, 'end', tc(locale, 'csat'), tc(locale, 'change'))}
    ${result.columns.map((c, i) => {
      const [a, b] = HEADERS[c];
      return head(g.columnX[i] + g.columnWidth - 10, 'end', tc(locale, a), tc(locale, b), b === 'lowerBetter' ? 'lower' : '');
    })}
  </g>`;
}

function renderRow(bar: CsatBar, i: number, g: BarsGeometry, result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const { plot } = g.layout;
  const s = result.tickets.get(bar.channel);
  // Colour says "likely real": a change that could be chance stays grey.
  const up = bar.significant === true && bar.delta !== null && bar.delta > 0;
  const down = bar.significant === true && bar.delta !== null && bar.delta < 0;
  const w = bar.whisker;
  return svg`<g class=${bar.wide ? 'row wide' : 'row'}>
    <g aria-hidden="true">
      <text class="name" x="4" y=${bar.cy - 4}>${fit(segmentLabel(locale, bar.channel), g.labelWidth - 26)}</text>
      <text class="n" x="4" y=${bar.cy + 11}>${tc(locale, 'nAnswers', { n: f.number(bar.n) })}</text>
      ${bar.wide
        ? svg`<g class="warn" transform="translate(${g.labelWidth - 20} ${bar.cy - 8})">
            <path d="M8 0 L16 15 L0 15 Z"></path><text x="8" y="12.5" text-anchor="middle">!</text></g>`
        : nothing}
      <rect class="bar" x=${bar.x} y=${bar.y} width=${Math.max(bar.w, bar.csat === null ? 0 : 2)} height=${bar.h} fill=${bar.fill}></rect>
      ${w
        ? svg`<path class="whisker" d="M${w.x0} ${w.y}H${w.x1}M${w.x0} ${w.y - 5}v10M${w.x1} ${w.y - 5}v10"></path>`
        : nothing}
      ${bar.previousX !== null
        ? svg`<g class="prev"><line class="halo" x1=${bar.previousX} x2=${bar.previousX} y1=${bar.y - 4} y2=${bar.y + bar.h + 4}></line>
            <line x1=${bar.previousX} x2=${bar.previousX} y1=${bar.y - 4} y2=${bar.y + bar.h + 4}></line></g>`
        : nothing}
      <text class="csat" x=${g.statsX + STATS_W - 10} y=${bar.cy - 4} text-anchor="end">${statsText(bar, o, f, locale)}</text>
      <text class=${up ? 'delta up' : down ? 'delta down' : 'delta'} x=${g.statsX + STATS_W - 10} y=${bar.cy + 11}
        text-anchor="end">${bar.delta === null ? '' : f.delta(bar.delta, 'points', 1)}</text>
      ${result.columns.map(
        (c, j) => svg`<text class="ticket" x=${g.columnX[j] + g.columnWidth - 10} y=${bar.cy} dominant-baseline="central"
          text-anchor="end">${ticketValue(c, s, f)}</text>`,
      )}
    </g>
    <rect data-mark data-col=${i} data-channel=${bar.channel} role="img" class="hit" rx="4" x="0" y=${bar.y - 5}
      width=${plot.right + 4} height=${bar.h + 10} fill="transparent" aria-label=${barLabel(bar, result, o, f, locale, changeCount(g.layout.bars))}></rect>
  </g>`;
}

export function renderBars(result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const g = barsGeometry(result, o, ctx.width);
  const l = g.layout;
  const p = l.plot;
  // The frame shrinks a lone svg to its box (the host's width is held at 240 px or
  // more) and scrolls one inside .scroll: only the ticket columns may scroll.
  const chart = html`<svg class="pulso-chart csat-bars" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
      role="group" aria-label=${o.label}>
      <g class="grid" aria-hidden="true">
        ${l.xTicks.map(
          (tk) => svg`<line x1=${tk.x} x2=${tk.x} y1=${p.top - 4} y2=${p.bottom}></line>
            <text class="tick" x=${tk.x} y=${p.bottom + 16} text-anchor="middle">${ctx.f.percent(tk.value / 100, 0)}</text>`,
        )}
      </g>
      ${renderHeader(g, result, ctx)}
      ${l.bars.map((bar, i) => renderRow(bar, i, g, result, o, ctx))}
    </svg>`;
  return l.width > ctx.width ? html`<div class="scroll">${chart}</div>` : chart;
}

export function renderBarsLegend(result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const day = (ms: number) => f.date(ms);
  const w = result.window;
  const pw = result.previousWindow;
  const geometry = result.rows.length ? barsGeometry(result, o, ctx.width) : undefined;
  const anyWide = geometry?.layout.bars.some((b) => b.wide) ?? false;
  const compared = geometry ? changeCount(geometry.layout.bars) : 0;
  const tooFew = geometry?.layout.bars.some((b) => b.change?.tooFew === true) ?? false;
  return html`<div class="legend csat-legend">
    ${w
      ? html`<span class="window">${pw
          ? tc(locale, 'legendWindow', { from: day(w.from), to: day(w.to - 1), pfrom: day(pw.from), pto: day(pw.to - 1) })
          : tc(locale, 'legendWindowOnly', { from: day(w.from), to: day(w.to - 1) })}</span>`
      : nothing}
    <span class="key"><svg width="16" height="12" aria-hidden="true" focusable="false"><rect width="16" height="12"
      fill=${categorical(0)}></rect></svg>${tc(locale, 'legendBar', { min: f.number(o.satisfiedMin), scale: f.number(o.scale) })}</span>
    <span class="key"><svg width="20" height="12" aria-hidden="true" focusable="false"><path class="whisker-key"
      d="M2 6H18M2 2v8M18 2v8"></path></svg>${tc(locale, 'legendWhisker')}</span>
    ${pw
      ? html`<span class="key"><svg width="8" height="14" aria-hidden="true" focusable="false"><line class="prev-key"
          x1="4" x2="4" y1="0" y2="14"></line></svg>${tc(locale, 'legendPrevious')}</span>`
      : nothing}
    ${compared ? html`<span class="key change-key">${tc(locale, 'legendChange', { m: f.number(compared) })}</span>` : nothing}
    ${tooFew ? html`<span class="key change-key">${tc(locale, 'legendTooFew', { n: f.number(o.minSample) })}</span>` : nothing}
    ${anyWide
      ? html`<span class="key"><svg width="16" height="15" aria-hidden="true" focusable="false"><g class="warn">
          <path d="M8 0 L16 15 L0 15 Z"></path><text x="8" y="12.5" text-anchor="middle">!</text></g></svg>${tc(locale, 'fewHint', {
            n: f.number(o.minAnswers),
            w: f.number(o.wideInterval),
          })}</span>`
      : nothing}
  </div>`;
}
