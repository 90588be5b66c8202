// Styles every chart widget shares: the theme, the frame, states and the table's loading
// line (the table's own come with its code, table-view-load.ts; the tooltip's with the marks'
// chunk, marks-keys.ts), then axes, ticks, grid lines, legends and the focus ring of marks.
// Widgets add their own marks' styles after these.
import { css } from 'lit';
import { chartFrameStyles } from './chart-frame.js';
import { statesStyles } from './states.js';
import { tableLoadingStyles } from './table-view-load.js';
import { scrollCueStyles } from './scroll-cue.js';
import { themeStyles } from './theme.styles.js';

export const chartStyles = [
  themeStyles,
  statesStyles,
  chartFrameStyles,
  tableLoadingStyles,
  scrollCueStyles,
  css`
    svg.pulso-chart {
      display: block;
      overflow: visible;
      font-family: var(--_pulso-font);
    }
    .tick {
      font-size: 11px;
      fill: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
    }
    .axis-title {
      font-size: 11px;
      fill: var(--_pulso-muted);
    }
    .grid line,
    .axis line {
      stroke: var(--_pulso-border);
      stroke-width: 1;
      shape-rendering: crispEdges;
    }
    .grid line.zero {
      stroke: var(--_pulso-muted);
    }
    [data-mark] {
      cursor: pointer;
      outline: none;
    }
    /*
     * The focused mark: a 2px ring in the focus colour (≥ 3:1 on the surface in light and
     * dark) just outside it, and a halo of the surface colour on its edge, so the ring
     * stands apart from the mark's own fill and from neighbouring marks.
     */
    [data-mark]:focus-visible {
      outline: 2px solid var(--_pulso-focus);
      outline-offset: 2px;
      stroke: var(--_pulso-surface);
      stroke-width: 2px;
      paint-order: normal;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
      font-size: 0.8125rem;
      color: var(--_pulso-muted);
    }
    .legend .key,
    .legend .scale {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
    }
    .legend svg {
      flex: none;
    }
    .chart-types {
      display: inline-flex;
      gap: 0;
    }
    .chart-types button:first-child {
      border-start-end-radius: 0;
      border-end-end-radius: 0;
    }
    .chart-types button:last-child {
      border-start-start-radius: 0;
      border-end-start-radius: 0;
      margin-inline-start: -1px;
    }
    /* The wrapper has no box in either state and the frame inside is dimmed: a box that came
       and went relaid the whole widget out twice per cross-filter click. */
    .pulso-updating,
    .pulso-settled {
      display: contents;
    }
    .pulso-updating > * {
      opacity: 0.6;
      transition: opacity 0.2s;
    }
    .pulso-widget-notices {
      margin: 0 0 0.5rem;
      color: var(--_pulso-warning);
      font-size: 0.8125rem;
    }
  `,
];
