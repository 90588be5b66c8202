// Styles for the shared state templates (states.ts), themed by the variables
// of theme.styles.ts (one definition of the light and dark defaults).
import { css } from 'lit';
import { themeVariables, visuallyHidden } from './theme.styles.js';

export const statesStyles = css`
  ${themeVariables}
  ${visuallyHidden}

  .pulso-state {
    color: var(--_pulso-fg);
    font: inherit;
    padding: 0.75rem 0;
  }
  .pulso-empty,
  .pulso-stale {
    color: var(--_pulso-muted);
  }
  .pulso-stale {
    font-size: 0.8125rem;
    margin: 0.25rem 0;
  }
  .pulso-error {
    color: var(--_pulso-fg);
    border-inline-start: 3px solid var(--_pulso-danger);
    padding-inline-start: 0.75rem;
  }
  .pulso-error-title {
    color: var(--_pulso-danger);
    font-weight: 600;
    margin: 0 0 0.25rem;
  }
  .pulso-error details {
    color: var(--_pulso-muted);
    font-size: 0.8125rem;
    margin: 0.5rem 0;
  }
  .pulso-error code {
    overflow-wrap: anywhere;
  }
  .pulso-retry {
    font: inherit;
    color: var(--_pulso-surface);
    background: var(--_pulso-danger);
    border: 0;
    border-radius: 4px;
    padding: 0.375rem 0.875rem;
    cursor: pointer;
  }
  .pulso-retry:focus-visible {
    outline: 2px solid var(--_pulso-focus);
    outline-offset: 2px;
  }
  /* A dashboard filter that does not reach this chart: said plainly, not alarming. */
  .pulso-unreached {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
    margin: 0.25rem 0;
    padding: 0.125rem 0.5rem;
    border: 1px dashed var(--_pulso-border);
    border-radius: 999px;
    color: var(--_pulso-muted);
    font-size: 0.8125rem;
  }
  .pulso-notices {
    color: var(--_pulso-warning);
    font-size: 0.8125rem;
    margin: 0.25rem 0;
    padding: 0;
    list-style: none;
  }

  /* Skeletons: grey shapes of the chart to come, gently pulsing. */
  /* One animation for the whole skeleton (its parts pulse together anyway): an opacity
     animation on one box the compositor runs, where one per part, SVG paths included,
     had the main thread restyle every frame while the data loaded. */
  .pulso-skeleton {
    display: grid;
    gap: 3px;
    width: 100%;
    min-height: 8rem;
    animation: pulso-pulse 1.4s ease-in-out infinite;
  }
  .pulso-skeleton-block {
    background: var(--_pulso-skeleton);
    border-radius: 2px;
    min-height: 1rem;
  }
  .pulso-skeleton-heatmap {
    grid-template-columns: repeat(6, 1fr);
  }
  .pulso-skeleton-blank {
    visibility: hidden;
  }
  .pulso-skeleton-bars {
    grid-template-columns: repeat(6, 1fr);
    align-items: end;
    height: 8rem;
  }
  .pulso-skeleton-bars .h1 { height: 30%; }
  .pulso-skeleton-bars .h2 { height: 55%; }
  .pulso-skeleton-bars .h3 { height: 80%; }
  .pulso-skeleton-bars .h4 { height: 45%; }
  .pulso-skeleton-bars .h5 { height: 65%; }
  .pulso-skeleton-bars .h6 { height: 95%; }
  .pulso-skeleton-line svg {
    width: 100%;
    height: 8rem;
  }
  .pulso-skeleton-line path {
    fill: none;
    stroke: var(--_pulso-skeleton);
    stroke-width: 4;
    stroke-linecap: round;
  }
  .pulso-skeleton-card {
    grid-template-columns: 1fr;
    min-height: 0;
  }
  .pulso-skeleton-card .wide { height: 2.5rem; width: 40%; }
  .pulso-skeleton-card .narrow { width: 70%; }

  @keyframes pulso-pulse {
    0%, 100% { opacity: 1; }
    50% { opacity: 0.45; }
  }
  @media (prefers-reduced-motion: reduce) {
    .pulso-skeleton {
      animation: none;
    }
  }
`;
