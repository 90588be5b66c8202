// The heatmap view of <pulso-cohort-churn>: one retention triangle per segment,
// stacked, with cohort labels and sizes, offset headers, cells coloured by rate
// (partial periods outlined, hidden cells "< k") and the colour legend.
import { html, nothing, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { FULL_DOMAIN, cohortHeatmapLayout, legendStops } from '../../src/charts/heatmap.js';
import type { HeatmapLayout, RateDomain } from '../../src/charts/heatmap.js';
import { NEUTRAL_FILL } from '../../src/charts/palette.js';
import type { RetentionRow } from '../../src/metrics/retention.js';
import type { Period } from '../../src/time/period.js';
import type { RenderContext } from '../shared/chart-element.js';
import type { MarkPosition } from '../shared/marks-nav.js';
import { segmentLabel, t } from '../shared/strings.js';
import type { CohortChurnResult } from './types.js';
import { axisKey, offsetLabel, scrollKey, tc } from './strings.js';
import { renderScrollArea } from '../shared/scroll-cue.js';

/** Cohort rows of one heatmap, stacked: the segment title above each from the second on. */
export interface Block {
  segment: string | undefined;
  top: number;
  layout: HeatmapLayout;
  /** Index of this block's first row among all blocks, for keyboard rows. */
  firstRow: number;
}

const TITLE_H = 28;
/** Below this width, row labels take two lines. */
const NARROW = 480;

export function renderHeatmap(label: string, result: CohortChurnResult, ctx: RenderContext, domain?: RateDomain): TemplateResult {
  const blocks = heatmapBlocks(result, ctx.width, domain);
  const width = Math.max(...blocks.map((b) => b.layout.width));
  const height = blocks.reduce((h, b) => Math.max(h, b.top + b.layout.height), 0);
  const chart = html`<svg class="pulso-chart heatmap" width=${width} height=${height} viewBox="0 0 ${width} ${height}"
      role="group" aria-label=${label}>
      ${blocks.map((b) => renderBlock(b, result, ctx))}
    </svg>`;
  if (width <= ctx.width) return chart;
  // Too many columns for the box: it scrolls, says so, and the cohort column stays in
  // place (a copy of it pinned over the chart, which keeps its own for exports).
  const pinWidth = blocks[0]?.layout.columns[0]?.x ?? 0;
  const pin = html`<svg class="heat-pin" aria-hidden="true" focusable="false" width=${pinWidth} height=${height}
      viewBox="0 0 ${pinWidth} ${height}">${blocks.map((b) => renderPinned(b, result, ctx))}</svg>`;
  // A cell reached by keyboard scrolls into view beside the pinned column, not under it.
  const cls = ctx.width < NARROW ? 'heat-scroll narrow' : 'heat-scroll';
  return renderScrollArea(html`<div class="heat-stack">${chart}${pin}</div>`, tc(ctx.locale, scrollKey(result.period)), cls);
}

/** The cohort column of a block alone, on the surface colour: the "Cohort" head and the row labels. */
function renderPinned(b: Block, result: CohortChurnResult, ctx: RenderContext): TemplateResult {
  const top = b.segment !== undefined ? TITLE_H : 0;
  const width = b.layout.columns[0]?.x ?? 0;
  return svg`<g transform="translate(0 ${b.top})">
    <rect class="pin-bg" x="0" y=${top} width=${width} height=${b.layout.height - top}></rect>
    <text class="axis-title" x="0" y=${top + 34}>${tc(ctx.locale, 'cohort')}</text>
    ${b.layout.rows.map((r) => renderRowLabel(r.cohort, r.size, r.cy, result.period, ctx))}
  </g>`;
}

/** The blocks last laid out per result: a redraw (a click elsewhere dims it, a tooltip opens) lays nothing out again. */
const laidOut = new WeakMap<CohortChurnResult, { width: number; domain?: RateDomain; blocks: Block[] }>();

const sameDomain = (a?: RateDomain, b?: RateDomain): boolean =>
  a === b || (a !== undefined && b !== undefined && a.low === b.low && a.high === b.high && a.clippedLow === b.clippedLow && a.clippedHigh === b.clippedHigh);

/** `domain`: the rates the colours span, one for every block so segments compare (default 0–100%). */
export function heatmapBlocks(result: CohortChurnResult, width: number, domain?: RateDomain): Block[] {
  const kept = laidOut.get(result);
  if (kept && kept.width === width && sameDomain(kept.domain, domain)) return kept.blocks;
  const blocks = layBlocks(result, width, domain);
  laidOut.set(result, { width, domain, blocks });
  return blocks;
}

function layBlocks(result: CohortChurnResult, width: number, domain?: RateDomain): Block[] {
  const blocks: Block[] = [];
  let top = 0;
  let firstRow = 0;
  const labelWidth = width < NARROW ? 84 : 124;
  for (const segment of result.segments) {
    const titled = segment !== undefined;
    const layout = cohortHeatmapLayout(result.rows, {
      width,
      segment,
      labelWidth,
      domain,
      margin: { top: (titled ? TITLE_H : 0) + 40 },
    });
    blocks.push({ segment, top, layout, firstRow });
    top += layout.height + (titled ? 12 : 0);
    firstRow += layout.rows.length;
  }
  return blocks;
}

function renderBlock(b: Block, result: CohortChurnResult, ctx: RenderContext): TemplateResult {
  const { f, locale } = ctx;
  const l = b.layout;
  const titled = b.segment !== undefined;
  const headY = (titled ? TITLE_H : 0) + 14;
  const rowIndex = new Map(l.rows.map((r, i) => [r.cohort, b.firstRow + i]));
  const left = l.columns[0]?.x ?? 0;
  const showText = l.cellWidth >= 34;
  const bySeg = new Map(result.rows.filter((r) => r.segment === b.segment).map((r) => [`${r.cohort}|${r.offset}`, r]));
  return svg`<g transform="translate(0 ${b.top})">
    ${titled ? svg`<text class="segment-title" x="0" y="18">${segmentLabel(locale, b.segment!)}</text>` : nothing}
    <text class="axis-title" x=${left} y=${headY}>${tc(locale, axisKey(result.period, result.firstActivity))}</text>
    <text class="axis-title" x="0" y=${headY + 20}>${tc(locale, 'cohort')}</text>
    ${l.columns.map((c) => svg`<text class="tick" x=${c.cx} y=${headY + 20} text-anchor="middle">${c.offset}</text>`)}
    ${l.rows.map((r) => renderRowLabel(r.cohort, r.size, r.cy, result.period, ctx))}
    ${l.cells.map((c) => {
      const row = bySeg.get(`${c.cohort}|${c.offset}`)!;
      return svg`<g class=${c.partial ? 'cell partial' : 'cell'}>
        <rect data-mark data-row=${rowIndex.get(c.cohort)!} data-col=${c.offset} role="img"
          aria-label=${cellLabel(row, result, ctx)} x=${c.x} y=${c.y} width=${c.w} height=${c.h}
          fill=${c.fill}></rect>
        ${showText
          ? svg`<text x=${c.x + c.w / 2} y=${c.y + c.h / 2} fill=${c.textFill} text-anchor="middle"
              dominant-baseline="central" aria-hidden="true">${c.suppressed ? t(locale, 'suppressed', { k: result.hidden || '' }) : f.percent(c.rate, 0)}</text>`
          : nothing}
      </g>`;
    })}
  </g>`;
}

/** Cohort and size on one line, or on two when the label column is narrow. */
function renderRowLabel(cohort: string, size: number | null, cy: number, period: Period, ctx: RenderContext): TemplateResult {
  const label = ctx.f.periodLabel(cohort, period);
  const n = size === null ? '' : ctx.f.number(size);
  if (ctx.width < NARROW)
    return svg`<text class="row-label" x="2" y=${cy - 6} dominant-baseline="central">${label}</text>
      <text class="row-size" x="2" y=${cy + 7} dominant-baseline="central">${n}</text>`;
  return svg`<text class="row-label" x="4" y=${cy} dominant-baseline="central">${label}<tspan class="row-size" dx="6">${n}</tspan></text>`;
}

export function cellLabel(row: RetentionRow, result: CohortChurnResult, ctx: RenderContext): string {
  const { f, locale } = ctx;
  const cohort = f.periodLabel(row.cohort, result.period, 'long');
  const offset = offsetLabel(locale, result.period, row.offset);
  if (row.rate === null)
    return tc(locale, 'cellHidden', { cohort, offset, k: result.hidden || '' });
  let label = tc(locale, 'cellLabel', {
    cohort,
    offset,
    rate: f.percent(row.rate, 1),
    retained: f.number(row.retained),
    size: f.number(row.size),
  });
  if (result.mode === 'subscription' && row.offset > 0 && row.churned !== null)
    label += tc(locale, 'cellChurn', { churned: f.number(row.churned), churnRate: f.percent(row.churnRate, 1) });
  if (!row.complete) label += tc(locale, 'cellPartial');
  return row.segment === undefined ? label : `${segmentLabel(locale, row.segment)}: ${label}`;
}

/** The row behind a heatmap cell. */
export function heatmapRowAt(result: CohortChurnResult, width: number, pos: MarkPosition): RetentionRow | undefined {
  const row = pos.row ?? 0;
  const block = [...heatmapBlocks(result, width)].reverse().find((b) => row >= b.firstRow);
  const cohort = block?.layout.rows[row - block.firstRow]?.cohort;
  return result.rows.find((r) => r.cohort === cohort && r.offset === pos.col && r.segment === block?.segment);
}

/**
 * The colour legend with the rates its ends stand for ("8% … 50%", "≥ 50%" when higher
 * rates take the top colour), and the partial and hidden keys.
 */
export function heatmapLegend(result: CohortChurnResult, ctx: RenderContext, domain: RateDomain = FULL_DOMAIN): TemplateResult {
  const { f, locale } = ctx;
  const stops = legendStops(10);
  const w = 16;
  const low = (domain.clippedLow ? '≤ ' : '') + f.percent(domain.low, 0);
  const high = (domain.clippedHigh ? '≥ ' : '') + f.percent(domain.high, 0);
  return html`<div class="legend" aria-hidden="true">
    <span>${tc(locale, 'rate')}</span>
    <span class="scale"><span class="scale-end">${low}</span>
      <svg width=${stops.length * w} height="12" focusable="false">
        ${stops.map((s, i) => svg`<rect x=${i * w} y="0" width=${w} height="12" fill=${s.color}></rect>`)}
      </svg><span class="scale-end">${high}</span></span>
    <span class="key"><svg width="16" height="12" focusable="false"><rect class="partial-swatch" x="1" y="1" width="14" height="10"></rect></svg>${t(locale, 'partial')}</span>
    ${result.hidden > 0
      ? html`<span class="key"><svg width="16" height="12" focusable="false"><rect x="0" y="0" width="16" height="12"
            fill=${NEUTRAL_FILL}></rect></svg>${t(locale, 'suppressedHint', { k: result.hidden })}</span>`
      : nothing}
  </div>`;
}

