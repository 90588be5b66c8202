// The chart of <pulso-channel-csat>: a row per group with its name and n on the
// left (or above the bar on a narrow box), the CSAT bar with its Wilson whisker and
// previous-period tick, then CSAT and its change (in colour only when it is likely
// real), then the optional ticket columns beside the bar or under it (bars-geometry.ts).
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import type { CsatBar } from '../../src/charts/csat-bars.js';
import { categorical } from '../../src/charts/palette.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import type { RenderContext } from '../shared/chart-element.js';
import { segmentLabel, t } from '../shared/strings.js';
import { differenceText, verdictText } from '../shared/compare-words.js';
import { fitText, textWidth } from '../shared/text-width.js';
import type { CsatResult } from './types.js';
import { tc } from './strings.js';
import { barsGeometry, HEADERS, ticketItem, ticketValue } from './bars-geometry.js';
import type { BarsGeometry, BarsOptions } from './bars-geometry.js';

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
