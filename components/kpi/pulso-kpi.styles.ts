// Styles of <pulso-kpi>: the shared chart styles, then the card. The direction
// colours have light and dark defaults with at least 4.5:1 contrast on the
// surface; the arrow and a hidden sentence carry the same meaning without colour.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';
import { whenDark } from '../shared/theme.styles.js';

const dark = css`
  --_pulso-good: var(--pulso-good, #7ee2a8);
  --_pulso-bad: var(--pulso-bad, #ffb4ab);
  --_pulso-kpi-line: var(--pulso-kpi-line, #56b4e9);
`;

export const styles = [
  chartStyles,
  css`
    :host {
      --_pulso-good: var(--pulso-good, #1a7f37);
      --_pulso-bad: var(--pulso-bad, #b3261e);
      --_pulso-kpi-line: var(--pulso-kpi-line, #0072b2);
    }
    ${whenDark(dark)}
    .kpi-head {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: 0.5rem;
      margin-bottom: 0.25rem;
    }
    .kpi-head .pulso-frame-title {
      font-size: 0.9375rem;
      min-width: 0;
    }
    .kpi-tools {
      flex: none;
      flex-wrap: nowrap;
      gap: 0.25rem;
      margin: 0;
    }
    .pulso-frame-toolbar .kpi-tool {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-height: 1.75rem;
      min-width: 1.75rem;
      padding: 0.25rem;
      color: var(--_pulso-muted);
    }
    .pulso-frame-toolbar .kpi-tool:hover {
      color: var(--_pulso-fg);
    }
    .pulso-frame-exports > summary.kpi-tool::after {
      content: none;
    }
    .kpi-icon {
      display: block;
    }
    .kpi-body {
      display: grid;
      gap: 0.5rem;
    }
    .kpi-body.wide {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: end;
      column-gap: 1.5rem;
    }
    .kpi-figures p {
      margin: 0;
    }
    .kpi-value {
      font-size: 2rem;
      font-weight: 650;
      line-height: 1.15;
      font-variant-numeric: tabular-nums;
      letter-spacing: -0.01em;
    }
    .kpi-value.suppressed {
      color: var(--_pulso-muted);
    }
    .kpi-note,
    .kpi-meta,
    .kpi-ci,
    .kpi-evidence,
    .kpi-vs {
      color: var(--_pulso-muted);
      font-size: 0.8125rem;
    }
    .kpi-meta span {
      white-space: nowrap;
    }
    .kpi-delta {
      margin-top: 0.125rem;
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .kpi-change {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      margin-inline-end: 0.375rem;
    }
    .kpi-arrow {
      font-size: 0.75em;
      margin-inline-end: 0.25em;
    }
    .dir-better .kpi-change {
      color: var(--_pulso-good);
    }
    .dir-worse .kpi-change {
      color: var(--_pulso-bad);
    }
    .dir-neutral .kpi-change {
      color: var(--_pulso-fg);
    }
    .kpi-ci,
    .kpi-evidence {
      font-size: 0.75rem;
      font-variant-numeric: tabular-nums;
    }
    /* The evidence behind the colour: a likely real change reads in the text colour. */
    .kpi-evidence.ev-significant {
      color: var(--_pulso-fg);
    }
    .dir-none {
      color: var(--_pulso-muted);
      font-size: 0.8125rem;
    }
    /* A card is narrow: the period labels wrap so the numbers stay in view. */
    .kpi .pulso-table tbody th {
      white-space: normal;
      min-width: 8rem;
    }
    .kpi .pulso-table th,
    .kpi .pulso-table td {
      padding: 0.25rem 0.5rem;
      font-size: 0.8125rem;
    }
    .kpi-spark-box {
      min-width: 0;
    }
    .kpi-spark .spark-line {
      fill: none;
      stroke: var(--_pulso-kpi-line);
      stroke-width: 2;
      stroke-linejoin: round;
      stroke-linecap: round;
    }
    .kpi-spark .spark-dot {
      fill: var(--_pulso-surface);
      stroke: var(--_pulso-kpi-line);
      stroke-width: 1.5;
    }
    .kpi-spark .spark-dot.end {
      fill: var(--_pulso-kpi-line);
    }
    .kpi-spark .spark-hidden {
      fill: none;
      stroke: var(--_pulso-muted);
      stroke-width: 1.25;
      stroke-dasharray: 2 2;
    }
    .kpi-spark [data-mark]:hover {
      stroke-width: 3;
    }
    .kpi-spark-axis {
      display: flex;
      justify-content: space-between;
      gap: 0.5rem;
      color: var(--_pulso-muted);
      font-size: 0.6875rem;
      font-variant-numeric: tabular-nums;
    }
  `,
];
