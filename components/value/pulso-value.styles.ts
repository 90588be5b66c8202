// Styles of <pulso-value>: the shared chart styles plus the curves, the line of
// equal shares and the top fraction's guide.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .pareto .line,
    .legend .line {
      fill: none;
      stroke-width: 2.5;
      stroke-linejoin: round;
    }
    .diagonal {
      fill: none;
      stroke: var(--_pulso-muted);
      stroke-width: 1;
      stroke-dasharray: 5 4;
    }
    .top-guide {
      fill: none;
      stroke-width: 1.25;
      stroke-dasharray: 3 3;
    }
    .top-label {
      font-size: 12px;
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .points circle {
      stroke: var(--_pulso-surface);
      stroke-width: 1.5;
    }
  `,
];
