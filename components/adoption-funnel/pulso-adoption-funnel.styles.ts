// Styles of <pulso-adoption-funnel>: the shared chart styles plus the funnel's
// bars (a faint track behind each for the 100 % scale), step titles, the feature
// lines and the ring of a significant point. Series colours come from the
// palette as SVG presentation attributes; the rest from theme variables.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .funnel .track {
      fill: var(--_pulso-border);
      fill-opacity: 0.35;
    }
    .funnel .value {
      font-size: 12px;
      font-variant-numeric: tabular-nums;
      pointer-events: none;
    }
    /* Inside a bar the text takes the palette's contrast colour (the fill attribute). */
    .funnel .value:not(.inside) {
      fill: var(--_pulso-fg);
    }
    .funnel .step-title {
      font-size: 13px;
      font-weight: 600;
      fill: var(--_pulso-fg);
    }
    .funnel .step-info {
      font-size: 12px;
      fill: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
    }
    /* The biggest drop, which the summary names too. */
    .funnel .step-info.worst {
      fill: var(--_pulso-fg);
      font-weight: 600;
    }
    .funnel .bar:hover .fill {
      stroke: var(--_pulso-fg);
      stroke-width: 1.5;
    }
    .sig-key {
      font-weight: 700;
      color: var(--_pulso-fg);
    }
    .features .line,
    .legend .line {
      fill: none;
      stroke-width: 2.5;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .sig-ring {
      fill: none;
      stroke-width: 2;
      pointer-events: none;
    }
    .legend .sig-ring {
      stroke: var(--_pulso-fg);
    }
    .view-choice {
      display: inline-flex;
      max-width: 100%;
      min-width: 0;
      align-items: center;
      gap: 0.375rem;
      font-size: 0.8125rem;
      color: var(--_pulso-muted);
    }
    .view-choice select {
      font: inherit;
      color: var(--_pulso-fg);
      background: var(--_pulso-surface);
      border: 1px solid var(--_pulso-border);
      border-radius: 4px;
      padding: 0.25rem 0.375rem;
      min-width: 0;
      max-width: 100%;
      flex: 1 1 auto;
    }
  `,
];
