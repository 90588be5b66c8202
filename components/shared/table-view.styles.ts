// The table view's styles: in the table view's chunk with its code, added to a widget's
// shadow root before its first table renders (table-view-load.ts `adoptTableStyles`), so a
// table is styled from its first frame and a page that shows no table never fetches them.
import { css } from 'lit';

/**
 * Zebra rows, a sticky header and a scroll region; themeable through
 * --pulso-border, --pulso-fg, --pulso-muted and --pulso-surface, with the same
 * light/dark defaults and `theme` attribute as the state styles.
 */
export const tableViewStyles = css`
  :host {
    --_pulso-table-fg: var(--pulso-fg, #1f2933);
    --_pulso-table-muted: var(--pulso-muted, #5b6573);
    --_pulso-table-border: var(--pulso-border, #d5dae1);
    --_pulso-table-surface: var(--pulso-surface, #ffffff);
    --_pulso-table-focus: var(--pulso-focus, #1a5fb4);
  }
  :host([theme='dark']) {
    --_pulso-table-fg: var(--pulso-fg, #e4e7eb);
    --_pulso-table-muted: var(--pulso-muted, #a3acb9);
    --_pulso-table-border: var(--pulso-border, #3a414b);
    --_pulso-table-surface: var(--pulso-surface, #1b1f24);
    --_pulso-table-focus: var(--pulso-focus, #8ab4f8);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_pulso-table-fg: var(--pulso-fg, #e4e7eb);
      --_pulso-table-muted: var(--pulso-muted, #a3acb9);
      --_pulso-table-border: var(--pulso-border, #3a414b);
      --_pulso-table-surface: var(--pulso-surface, #1b1f24);
      --_pulso-table-focus: var(--pulso-focus, #8ab4f8);
    }
  }
  .pulso-table-scroll {
    overflow-x: auto;
    overflow-y: auto;
    max-height: var(--pulso-table-max-height, 24rem);
    border: 1px solid var(--_pulso-table-border);
  }
  .pulso-table-scroll:focus-visible {
    outline: 2px solid var(--_pulso-table-focus);
    outline-offset: 2px;
  }
  .pulso-table {
    border-collapse: collapse;
    width: 100%;
    color: var(--_pulso-table-fg);
    font-variant-numeric: tabular-nums;
  }
  .pulso-table caption {
    text-align: start;
    padding: 0.5rem;
    font-weight: 600;
  }
  .pulso-table th,
  .pulso-table td {
    padding: 0.375rem 0.625rem;
    border-bottom: 1px solid var(--_pulso-table-border);
    text-align: start;
    white-space: nowrap;
  }
  .pulso-table thead th {
    position: sticky;
    top: 0;
    z-index: 1;
    background: var(--_pulso-table-surface);
    box-shadow: inset 0 -1px 0 var(--_pulso-table-border);
  }
  .pulso-table tbody th {
    font-weight: 500;
  }
  .pulso-table tbody tr:nth-child(even) {
    background: color-mix(in srgb, var(--_pulso-table-fg) 6%, transparent);
  }
  .pulso-table .pulso-num {
    text-align: end;
  }
  .pulso-table .pulso-suppressed,
  .pulso-table .pulso-table-empty {
    color: var(--_pulso-table-muted);
  }
  .pulso-sort {
    font: inherit;
    color: inherit;
    background: none;
    border: 0;
    padding: 0;
    cursor: pointer;
  }
  .pulso-sort:focus-visible {
    outline: 2px solid var(--_pulso-table-focus);
    outline-offset: 2px;
  }
  th[aria-sort='ascending'] .pulso-sort::after {
    content: ' ▲' / '';
  }
  th[aria-sort='descending'] .pulso-sort::after {
    content: ' ▼' / '';
  }
`;
