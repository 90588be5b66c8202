// Styles of <pulso-cohort-churn>: the shared theme, frame, states, tooltip and
// table, plus the heatmap and curves marks. Colours of cells come from the
// palette as SVG presentation attributes; everything else from theme variables.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .heat-stack {
      display: grid;
      width: max-content;
    }
    .heat-stack > svg {
      grid-area: 1 / 1;
    }
    /* The cohort column stays in view while the months scroll under it. */
    .heat-pin {
      position: sticky;
      inset-inline-start: 0;
      z-index: 1;
      justify-self: start;
      overflow: visible;
    }
    /* The label column's widths (heatmap-view.ts): focus scrolls cells clear of it. */
    .heat-scroll .pulso-scroll {
      scroll-padding-inline-start: 124px;
    }
    .heat-scroll.narrow .pulso-scroll {
      scroll-padding-inline-start: 84px;
    }
    .heat-pin .pin-bg {
      fill: var(--_pulso-surface);
    }
    .heatmap .cell rect:hover {
      stroke: var(--_pulso-fg);
      stroke-width: 1.5;
    }
    .heatmap .cell.partial rect,
    .partial-swatch {
      stroke: var(--_pulso-fg);
      stroke-width: 1.25;
      stroke-dasharray: 3 2;
    }
    .partial-swatch {
      fill: none;
    }
    .heatmap .cell text {
      font-size: 11px;
      font-variant-numeric: tabular-nums;
      pointer-events: none;
    }
    .row-label {
      font-size: 12px;
      fill: var(--_pulso-fg);
    }
    .row-size {
      fill: var(--_pulso-muted);
      font-size: 11px;
      font-variant-numeric: tabular-nums;
    }
    .segment-title {
      font-size: 13px;
      font-weight: 600;
      fill: var(--_pulso-fg);
    }
    .curves .line {
      fill: none;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .curves .line.cohort {
      stroke-width: 1;
      stroke-opacity: 0.55;
    }
    .curves .line.main,
    .line-legend .line.main {
      stroke-width: 2.5;
    }
    .line-legend .line.cohort {
      stroke-width: 1.5;
    }
    /* The 95% band of an average: faint, under the lines. */
    .curves .band,
    .line-legend .band {
      fill-opacity: 0.14;
      stroke: none;
    }
  `,
];
