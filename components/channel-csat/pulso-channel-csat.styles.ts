// Styles of <pulso-channel-csat>: the shared chart styles plus the rows (name,
// n, bar, whisker, previous tick, CSAT and change, ticket columns). Bar colours
// are SVG presentation attributes; everything else follows the theme variables.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';
import { whenDark } from '../shared/theme.styles.js';

export const styles = [
  chartStyles,
  css`
    :host {
      --_csat-up: var(--pulso-positive, #1e6b34);
    }
    ${whenDark(css`
      --_csat-up: var(--pulso-positive, #7fd68f);
    `)}
    .col-head {
      font-size: 12px;
      font-weight: 600;
      fill: var(--_pulso-fg);
    }
    .col-sub {
      font-size: 11px;
      fill: var(--_pulso-muted);
    }
    .name {
      font-size: 13px;
      fill: var(--_pulso-fg);
    }
    .n,
    .delta {
      font-size: 11px;
      fill: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
    }
    .delta.up {
      fill: var(--_csat-up);
      font-weight: 700;
    }
    .delta.down {
      fill: var(--_pulso-danger);
      font-weight: 700;
    }
    .csat {
      font-size: 13px;
      font-weight: 600;
      fill: var(--_pulso-fg);
      font-variant-numeric: tabular-nums;
    }
    .ticket {
      font-size: 12px;
      fill: var(--_pulso-fg);
      font-variant-numeric: tabular-nums;
    }
    /* Under the bar the values cross grid lines: a halo keeps them legible. */
    .ticket.under {
      font-size: 11px;
      paint-order: stroke;
      stroke: var(--_pulso-surface);
      stroke-width: 3px;
      stroke-linejoin: round;
    }
    .whisker,
    .whisker-key {
      fill: none;
      stroke: var(--_pulso-fg);
      stroke-width: 1.5;
    }
    .prev line,
    .prev-key {
      stroke: var(--_pulso-fg);
      stroke-width: 2.5;
    }
    .prev .halo {
      stroke: var(--_pulso-surface);
      stroke-width: 5.5;
    }
    .warn path {
      fill: var(--_pulso-warning);
    }
    .warn text {
      font-size: 11px;
      font-weight: 700;
      fill: var(--_pulso-surface);
    }
    .row .hit:hover {
      fill: var(--_pulso-fg);
      fill-opacity: 0.06;
    }
    .csat-legend .window {
      flex-basis: 100%;
      color: var(--_pulso-fg);
    }
  `,
];
