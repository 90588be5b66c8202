// Styles of <pulso-at-risk>: the shared chart styles plus the ranked list and its signal chips.
import { css } from 'lit';
import { chartStyles } from '../shared/chart.styles.js';

export const styles = [
  chartStyles,
  css`
    .risk-list {
      list-style: none;
      margin: 0;
      padding: 0;
      font-size: 0.875rem;
      color: var(--_pulso-fg);
    }
    .risk {
      display: grid;
      /* Who on the first line, the signs under it: chips keep their words on one line. */
      grid-template-columns: 2rem 1fr;
      gap: 0.25rem 0.75rem;
      align-items: baseline;
      padding: 0.5rem 0.25rem;
      border-block-end: 1px solid var(--_pulso-border);
    }
    .risk:focus-visible {
      outline: 3px solid var(--_pulso-focus);
      outline-offset: -3px;
    }
    .rank {
      color: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
      text-align: end;
    }
    .who {
      display: flex;
      flex-wrap: wrap;
      gap: 0.125rem 0.5rem;
      overflow-wrap: anywhere;
    }
    .segment,
    .value {
      color: var(--_pulso-muted);
      font-variant-numeric: tabular-nums;
    }
    .signals {
      grid-column: 2;
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
    }
    .signal {
      border: 1px solid var(--_pulso-border);
      border-radius: 0.75rem;
      padding: 0.0625rem 0.5rem;
      font-size: 0.8125rem;
    }
    .signal.tickets,
    .signal.nps {
      border-color: var(--_pulso-warning);
    }
    .more,
    .row-level-off {
      margin: 0.5rem 0 0;
      color: var(--_pulso-muted);
      font-size: 0.8125rem;
    }
  `,
];
