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
import { fitText, textWidth } from '../shared/text-width.js';
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
  /** Left of the CSAT/change column and of each ticket column beside the bars. */
  statsX: number;
  statsWidth: number;
  columnX: number[];
  columnWidths: number[];
  /** Names and n on a line above each bar, across the row (a narrow box). */
  stacked: boolean;
  /** The ticket columns do not fit beside the bars: each row lists them under its bar. */
  under: boolean;
  /** Under the bar: the columns of each line, and each column's x there. */
  ticketLines: number[][];
  ticketX: number[];
}

const HEAD = 40;
const STATS_W = 84;
const MIN_PLOT = 120;
const MIN_PLOT_NARROW = 96;
/** Below this width a name takes the line above its bar, so the bar keeps its length. */
const STACK_BELOW = 420;
const NAME_LINE = 18;
const TICKET_LINE = 15;
const ITEM_GAP = 16;
const MINUTE_MS = 60_000;

/** The widest of `texts` at `size` px. */
const widest = (texts: readonly string[], size: number, weight = 400) => Math.max(0, ...texts.map((s) => textWidth(s, size, weight)));

/** A ticket value under the bar says what it is: "FCR 73%". */
export const ticketItem = (column: TicketColumn, s: TicketStatsRow | undefined, f: Formatters, locale: Locale): string =>
  `${tc(locale, HEADERS[column][0])} ${ticketValue(column, s, f)}`;

/**
 * Where everything goes in a box `ctx.width` wide: the label column as wide as the
 * names need (a third of the box at most, longer names cut with the full name in the
 * tooltip and table), then the ticket columns beside the bars when they fit, else
 * under each bar; below STACK_BELOW the names go above the bars. Never wider than the box.
 */
export function barsGeometry(result: CsatResult, o: BarsOptions, ctx: RenderContext): BarsGeometry {
  const { width, locale, f } = ctx;
  const rows = result.rows;
  const nText = rows.map((r) => tc(locale, 'nAnswers', { n: f.number(r.n) }));
  const statsWidth = Math.max(
    STATS_W,
    14 + widest([tc(locale, 'csat')], 12, 600),
    14 + widest([tc(locale, 'change')], 11),
    14 + widest(rows.map((r) => (r.suppressed ? t(locale, 'suppressed', { k: o.k }) : f.percent(r.csat === null ? null : r.csat / 100, 1))), 13, 600),
    14 + widest(rows.map((r) => f.delta(-Math.abs(r.csat ?? 0), 'points', 1)), 11, 700),
  );
  const want =
    26 + Math.max(widest(rows.map((r) => segmentLabel(locale, r.channel)), 13), widest(nText, 11), widest([tc(locale, result.by === 'channel' ? 'channel' : 'segment')], 12, 600));
  const stacked = width < STACK_BELOW;
  // Stacked, the bars start a little in so the axis's first label ("0%") is not cut.
  const labelWidth = stacked ? 14 : Math.min(want, Math.max(96, Math.round(width / 3)));
  const columnWidths = result.columns.map(
    (c) => 14 + Math.max(widest([tc(locale, HEADERS[c][0])], 12, 600), widest([tc(locale, HEADERS[c][1])], 11), widest(rows.map((r) => ticketValue(c, result.tickets.get(r.channel), f)), 12)),
  );
  const beside = columnWidths.reduce((a, b) => a + b, 0);
  // Beside the bars only while the bars keep two fifths of the box.
  const under = result.columns.length > 0 && labelWidth + Math.max(MIN_PLOT, width * 0.4) + statsWidth + beside + 8 > width;
  // Under the bar, columns keep their place from row to row; a line holds what fits.
  const itemWidths = result.columns.map((c) => widest(rows.map((r) => ticketItem(c, result.tickets.get(r.channel), f, locale)), 11));
  const ticketLines: number[][] = [];
  const ticketX: number[] = [];
  if (under) {
    const room = width - labelWidth - 4;
    let x = room;
    for (const [i, w] of itemWidths.entries()) {
      if (x + w > room && x > 0) {
        ticketLines.push([]);
        x = 0;
      }
      ticketLines[ticketLines.length - 1].push(i);
      ticketX[i] = labelWidth + x;
      x += w + ITEM_GAP;
    }
  }
  const right = statsWidth + (under ? 0 : beside) + 8;
  const above = stacked ? NAME_LINE : 0;
  const below = ticketLines.length * TICKET_LINE;
  const layout = csatBarsLayout(rows, {
    width: Math.max(width, labelWidth + (stacked ? MIN_PLOT_NARROW : MIN_PLOT) + right),
    labelWidth,
    barMin: 24,
    gap: 14 + above + below,
    margin: { top: HEAD + above, right, bottom: 28, left: 0 },
    previous: result.previous,
    minN: o.minAnswers,
    minSample: o.minSample,
    wideInterval: o.wideInterval,
  });
  const statsX = layout.plot.right + 12;
  const columnX: number[] = [];
  columnWidths.reduce((x, w, i) => ((columnX[i] = x), x + w), statsX + statsWidth);
  return { layout, labelWidth, statsX, statsWidth, columnX, columnWidths, stacked, under, ticketLines, ticketX };
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
    ${head(g.statsX + g.statsWidth - 10, 'end', tc(locale, 'csat'), tc(locale, 'change'))}
    ${g.under
      ? nothing
      : result.columns.map((c, i) => {
          const [a, b] = HEADERS[c];
          return head(g.columnX[i] + g.columnWidths[i] - 10, 'end', tc(locale, a), tc(locale, b), b === 'lowerBetter' ? 'lower' : '');
        })}
  </g>`;
}

const WARN = svg`<path d="M8 0 L16 15 L0 15 Z"></path><text x="8" y="12.5" text-anchor="middle">!</text>`;

/** Name, n and the few-answers mark: in the label column, or on the line above the bar. */
function renderName(bar: CsatBar, g: BarsGeometry, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const name = segmentLabel(locale, bar.channel);
  const n = tc(locale, 'nAnswers', { n: f.number(bar.n) });
  if (!g.stacked) {
    return svg`<text class="name" x="4" y=${bar.cy - 4}>${fitText(name, g.labelWidth - 26, 13)}</text>
      <text class="n" x="4" y=${bar.cy + 11}>${n}</text>
      ${bar.wide ? svg`<g class="warn" transform="translate(${g.labelWidth - 20} ${bar.cy - 8})">${WARN}</g>` : nothing}`;
  }
  const y = bar.y - 6;
  const nW = textWidth(n, 11);
  const shown = fitText(name, g.statsX + g.statsWidth - nW - 52, 13);
  const nX = 4 + textWidth(shown, 13) + 8;
  return svg`<text class="name" x="4" y=${y}>${shown}</text>
    <text class="n" x=${nX} y=${y}>${n}</text>
    ${bar.wide ? svg`<g class="warn" transform="translate(${nX + nW + 6} ${y - 12})">${WARN}</g>` : nothing}`;
}

/** The ticket columns of a row: beside the bars, or under the bar with their names. */
function renderTickets(bar: CsatBar, g: BarsGeometry, result: CsatResult, ctx: RenderContext): TemplateResult[] {
  const { f, locale } = ctx;
  const s = result.tickets.get(bar.channel);
  if (!g.under) {
    return result.columns.map(
      (c, j) => svg`<text class="ticket" x=${g.columnX[j] + g.columnWidths[j] - 10} y=${bar.cy} dominant-baseline="central"
        text-anchor="end">${ticketValue(c, s, f)}</text>`,
    );
  }
  return g.ticketLines.flatMap((line, k) =>
    line.map(
      (j) => svg`<text class="ticket under" x=${g.ticketX[j] + 4} y=${bar.y + bar.h + 13 + k * 15}>${ticketItem(result.columns[j], s, f, locale)}</text>`,
    ),
  );
}

function renderRow(bar: CsatBar, i: number, g: BarsGeometry, result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  // Colour says "likely real": a change that could be chance stays grey.
  const up = bar.significant === true && bar.delta !== null && bar.delta > 0;
  const down = bar.significant === true && bar.delta !== null && bar.delta < 0;
  const w = bar.whisker;
  const statsRight = g.statsX + g.statsWidth - 10;
  return svg`<g class=${bar.wide ? 'row wide' : 'row'}>
    <g aria-hidden="true">
      ${renderName(bar, g, ctx)}
      <rect class="bar" x=${bar.x} y=${bar.y} width=${Math.max(bar.w, bar.csat === null ? 0 : 2)} height=${bar.h} fill=${bar.fill}></rect>
      ${w
        ? svg`<path class="whisker" d="M${w.x0} ${w.y}H${w.x1}M${w.x0} ${w.y - 5}v10M${w.x1} ${w.y - 5}v10"></path>`
        : nothing}
      ${bar.previousX !== null
        ? svg`<g class="prev"><line class="halo" x1=${bar.previousX} x2=${bar.previousX} y1=${bar.y - 4} y2=${bar.y + bar.h + 4}></line>
            <line x1=${bar.previousX} x2=${bar.previousX} y1=${bar.y - 4} y2=${bar.y + bar.h + 4}></line></g>`
        : nothing}
      <text class="csat" x=${statsRight} y=${bar.cy - 4} text-anchor="end">${statsText(bar, o, f, locale)}</text>
      <text class=${up ? 'delta up' : down ? 'delta down' : 'delta'} x=${statsRight} y=${bar.cy + 11}
        text-anchor="end">${bar.delta === null ? '' : f.delta(bar.delta, 'points', 1)}</text>
      ${renderTickets(bar, g, result, ctx)}
    </g>
    <rect data-mark data-col=${i} data-channel=${bar.channel} role="img" class="hit" rx="4" x="0" y=${bar.y - 5}
      width=${g.layout.plot.right + 4} height=${bar.h + 10} fill="transparent" aria-label=${barLabel(bar, result, o, f, locale, changeCount(g.layout.bars))}></rect>
  </g>`;
}

export function renderBars(result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const g = barsGeometry(result, o, ctx);
  const l = g.layout;
  const p = l.plot;
  // Never wider than the box: the ticket columns move under the bars instead.
  return html`<svg class="pulso-chart csat-bars" width=${l.width} height=${l.height} viewBox="0 0 ${l.width} ${l.height}"
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
}

export function renderBarsLegend(result: CsatResult, o: BarsOptions, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const day = (ms: number) => f.date(ms);
  const w = result.window;
  const pw = result.previousWindow;
  const geometry = result.rows.length ? barsGeometry(result, o, ctx) : undefined;
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
