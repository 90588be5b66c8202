// Styles for the shared state templates (states.ts). Themeable through
// --pulso-* custom properties; private --_pulso-* copies carry the light and
// dark defaults so a page only sets what it wants to change.
import { css } from 'lit';

export const statesStyles = css`
  :host {
    --_pulso-fg: var(--pulso-fg, #1f2933);
    --_pulso-muted: var(--pulso-muted, #5b6573);
    --_pulso-danger: var(--pulso-danger, #b3261e);
    --_pulso-warning: var(--pulso-warning, #7a5200);
    --_pulso-surface: var(--pulso-surface, #ffffff);
    --_pulso-skeleton: var(--pulso-skeleton, #e6e9ee);
    --_pulso-focus: var(--pulso-focus, #1a5fb4);
  }
  :host([theme='dark']) {
    --_pulso-fg: var(--pulso-fg, #e4e7eb);
    --_pulso-muted: var(--pulso-muted, #a3acb9);
    --_pulso-danger: var(--pulso-danger, #ffb4ab);
    --_pulso-warning: var(--pulso-warning, #f5c453);
    --_pulso-surface: var(--pulso-surface, #1b1f24);
    --_pulso-skeleton: var(--pulso-skeleton, #2c323a);
    --_pulso-focus: var(--pulso-focus, #8ab4f8);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_pulso-fg: var(--pulso-fg, #e4e7eb);
      --_pulso-muted: var(--pulso-muted, #a3acb9);
      --_pulso-danger: var(--pulso-danger, #ffb4ab);
      --_pulso-warning: var(--pulso-warning, #f5c453);
      --_pulso-surface: var(--pulso-surface, #1b1f24);
      --_pulso-skeleton: var(--pulso-skeleton, #2c323a);
      --_pulso-focus: var(--pulso-focus, #8ab4f8);
    }
  }

  .pulso-visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }

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
  .pulso-notices {
    color: var(--_pulso-warning);
    font-size: 0.8125rem;
    margin: 0.25rem 0;
    padding: 0;
    list-style: none;
  }

  /* Skeletons: grey shapes of the chart to come, gently pulsing. */
  .pulso-skeleton {
    display: grid;
    gap: 3px;
    width: 100%;
    min-height: 8rem;
  }
  .pulso-skeleton > *,
  .pulso-skeleton path {
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
    .pulso-skeleton > *,
    .pulso-skeleton path {
      animation: none;
    }
  }
`;
