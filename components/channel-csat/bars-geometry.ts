// Where the CSAT chart's parts go in a box of a given width (the view draws them):
// the label column as wide as the names need, ticket columns beside the bars or under
// each bar, names above the bars on a narrow box. Text is measured, so nothing is
// drawn outside the box.
import { csatBarsLayout } from '../../src/charts/csat-bars.js';
import type { CsatBarsLayout } from '../../src/charts/csat-bars.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { TicketStatsRow } from '../../src/metrics/tickets.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel, t } from '../shared/strings.js';
import { textWidth } from '../shared/text-width.js';
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

export const HEADERS: Record<TicketColumn, [CsatKey, CsatKey]> = {
  fcr: ['fcr', 'fcrSub'],
  'first-response': ['firstResponse', 'lowerBetter'],
  resolution: ['resolution', 'lowerBetter'],
  volume: ['volume', 'volumeSub'],
};

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
