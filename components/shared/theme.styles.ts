// The widgets' theme (DESIGN.md §3): --pulso-* custom properties a page sets
// on the element or any ancestor, with private --_pulso-* copies carrying the
// light and dark defaults (same convention as states.styles.ts and
// tooltip.ts). Dark follows prefers-color-scheme unless theme="light", and
// theme="dark" forces it.
import { css } from 'lit';

export const themeStyles = css`
  :host {
    --_pulso-fg: var(--pulso-fg, #1f2933);
    --_pulso-muted: var(--pulso-muted, #5b6573);
    --_pulso-surface: var(--pulso-surface, #ffffff);
    --_pulso-border: var(--pulso-border, #c9ced6);
    --_pulso-focus: var(--pulso-focus, #1a5fb4);
    --_pulso-danger: var(--pulso-danger, #b3261e);
    --_pulso-warning: var(--pulso-warning, #7a5200);
    --_pulso-font: var(--pulso-font, system-ui, sans-serif);
    display: block;
    contain: content;
    color: var(--_pulso-fg);
    font-family: var(--_pulso-font);
  }
  :host([hidden]) {
    display: none;
  }
  :host([theme='dark']) {
    --_pulso-fg: var(--pulso-fg, #e4e7eb);
    --_pulso-muted: var(--pulso-muted, #a3acb9);
    --_pulso-surface: var(--pulso-surface, #1b1f24);
    --_pulso-border: var(--pulso-border, #3d4550);
    --_pulso-focus: var(--pulso-focus, #8ab4f8);
    --_pulso-danger: var(--pulso-danger, #ffb4ab);
    --_pulso-warning: var(--pulso-warning, #f5c453);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_pulso-fg: var(--pulso-fg, #e4e7eb);
      --_pulso-muted: var(--pulso-muted, #a3acb9);
      --_pulso-surface: var(--pulso-surface, #1b1f24);
      --_pulso-border: var(--pulso-border, #3d4550);
      --_pulso-focus: var(--pulso-focus, #8ab4f8);
      --_pulso-danger: var(--pulso-danger, #ffb4ab);
      --_pulso-warning: var(--pulso-warning, #f5c453);
    }
  }

  .visually-hidden,
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

  :focus-visible {
    outline: 2px solid var(--_pulso-focus);
    outline-offset: 2px;
  }
`;
