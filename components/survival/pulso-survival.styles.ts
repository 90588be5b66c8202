// Styles of <pulso-survival>: the shared chart styles plus step curves, their
// bands, censoring ticks, the 50% line with medians and the numbers at risk.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .survival .line,
    .legend .line {
      fill: none;
      stroke-width: 2.25;
      stroke-linejoin: round;
    }
    .survival .band {
      fill-opacity: 0.14;
      stroke: none;
    }
    .half line {
      stroke: var(--_pulso-muted);
      stroke-width: 1;
      stroke-dasharray: 5 4;
    }
    .half line.median {
      stroke-width: 1.25;
      stroke-dasharray: 3 3;
    }
    .censors line,
    .censor-key {
      stroke-width: 1.5;
    }
    .censor-key {
      stroke: var(--_pulso-fg);
    }
    .at-risk-title {
      font-size: 11px;
      font-weight: 600;
      fill: var(--_pulso-fg);
    }
    .at-risk-name {
      font-size: 11px;
      font-weight: 600;
    }
    .points circle {
      stroke: var(--_pulso-surface);
      stroke-width: 1.5;
    }
  `,
];
