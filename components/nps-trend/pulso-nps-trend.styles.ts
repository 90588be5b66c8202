// Styles of <pulso-nps-trend>: the shared chart styles plus the line, its band,
// the target rule and the answer mix.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .nps .line,
    .legend .line {
      fill: none;
      stroke-width: 2.5;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .nps .band {
      fill-opacity: 0.16;
      stroke: none;
    }
    .target line {
      stroke: var(--_pulso-fg);
      stroke-width: 1.5;
      stroke-dasharray: 6 4;
    }
    .target text {
      font-size: 11px;
      fill: var(--_pulso-fg);
    }
    .mix-title {
      font-size: 11px;
      font-weight: 600;
      fill: var(--_pulso-fg);
    }
    .mix-grid {
      stroke: var(--_pulso-border);
      stroke-width: 1;
    }
    .mix-n {
      font-size: 10px;
      fill: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
    }
    .mix-empty {
      fill: none;
      stroke: var(--_pulso-border);
      stroke-dasharray: 2 2;
    }
    .points circle {
      stroke: var(--_pulso-surface);
      stroke-width: 1.5;
    }
    /* Few answers: a hollow point, no band (the interval of one answer has no width). */
    .few-key {
      fill: none;
      stroke: var(--_pulso-fg);
      stroke-width: 2;
    }
    .points circle.few {
      fill: var(--_pulso-surface);
      /* currentColor is the series colour, given as the circle's color attribute. */
      stroke: currentColor;
      stroke-width: 2;
    }
  `,
];
