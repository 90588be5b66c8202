// Styles of <pulso-dashboard>: the filter bar, chips and a responsive grid of
// widgets. Theme variables are shared with the widgets (theme.styles.ts).
import { css } from 'lit';
import { statesStyles } from '../shared/states.js';
import { themeStyles } from '../shared/theme.styles.js';

export const styles = [
  themeStyles,
  statesStyles,
  css`
    :host {
      --_pulso-dashboard-gap: var(--pulso-dashboard-gap, 1rem);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 0.5rem 1rem;
      margin-bottom: 0.5rem;
      font-size: 0.875rem;
    }
    .bar label {
      display: grid;
      gap: 0.25rem;
      color: var(--_pulso-muted);
    }
    .date-field {
      display: grid;
      gap: 0.25rem;
      max-width: 14rem;
    }
    input.date {
      width: 8.5rem;
      font-variant-numeric: tabular-nums;
    }
    input.date[aria-invalid='true'] {
      border-color: var(--_pulso-danger);
      box-shadow: inset 0 0 0 1px var(--_pulso-danger);
    }
    .date-error {
      color: var(--_pulso-danger);
      font-size: 0.8125rem;
    }
    input,
    select,
    button {
      font: inherit;
      min-height: 2rem;
      box-sizing: border-box;
      color: var(--_pulso-fg);
      background: var(--_pulso-surface);
      border: 1px solid var(--_pulso-border);
      border-radius: 4px;
      padding: 0.25rem 0.5rem;
    }
    button {
      cursor: pointer;
    }
    select:disabled {
      opacity: 0.6;
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      min-height: 2rem;
      margin-bottom: var(--_pulso-dashboard-gap);
      font-size: 0.875rem;
    }
    .chips ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      padding-inline-start: 0.75rem;
      border: 1px solid var(--_pulso-focus);
      border-radius: 999px;
      overflow-wrap: anywhere;
    }
    .chip .reach {
      color: var(--_pulso-muted);
      font-size: 0.8125rem;
    }
    .setting-error {
      color: var(--_pulso-fg);
      border-inline-start: 3px solid var(--_pulso-danger);
      padding-inline-start: 0.75rem;
      margin: 0 0 var(--_pulso-dashboard-gap);
    }
    .setting-error .detail {
      color: var(--_pulso-muted);
      font-size: 0.8125rem;
    }
    .chip button {
      border: none;
      background: transparent;
      border-radius: 999px;
      min-width: 2rem;
      font-size: 1rem;
      line-height: 1;
    }
    .hint {
      margin: 0;
      color: var(--_pulso-muted);
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--pulso-dashboard-column, 420px)), 1fr));
      gap: var(--_pulso-dashboard-gap);
      align-items: start;
    }
    ::slotted(*) {
      min-width: 0;
    }
    ::slotted([wide]) {
      grid-column: 1 / -1;
    }
  `,
];
