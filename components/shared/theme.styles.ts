// The widgets' theme (DESIGN.md §3): --pulso-* custom properties a page sets
// on the element or any ancestor, with private --_pulso-* copies carrying the
// light and dark defaults. Dark follows prefers-color-scheme unless the theme in
// force is light, and dark forces it. The theme in force is the element's `theme`
// attribute, else its dashboard's, shown as a custom state (theme-controller.ts);
// each selector is a rule of its own, so a browser without :state() keeps the others.
// The variables are defined here once; other style blocks interpolate `themeVariables`.
// color-scheme follows the theme, so form controls and scrollbars match it
// whatever the page declares. Every element's styles start with `themeStyles`,
// which first seals the element from the page's inherited CSS (host-seal.styles.ts).
import { css } from 'lit';
import type { CSSResult } from 'lit';
import { hostSeal } from './host-seal.styles.js';

/** `declarations` on the host whenever the theme in force is dark (see above). */
export function whenDark(declarations: CSSResult): CSSResult {
  return css`
    :host([theme='dark']) {
      ${declarations}
    }
    :host(:state(dark)) {
      ${declarations}
    }
    @media (prefers-color-scheme: dark) {
      :host(:not([theme='light']):not(:state(light))) {
        ${declarations}
      }
    }
  `;
}

const dark = css`
  color-scheme: dark;
  --_pulso-fg: var(--pulso-fg, #e4e7eb);
  --_pulso-muted: var(--pulso-muted, #a3acb9);
  --_pulso-surface: var(--pulso-surface, #1b1f24);
  --_pulso-border: var(--pulso-border, #3d4550);
  --_pulso-focus: var(--pulso-focus, #8ab4f8);
  --_pulso-danger: var(--pulso-danger, #ffb4ab);
  --_pulso-warning: var(--pulso-warning, #f5c453);
  --_pulso-skeleton: var(--pulso-skeleton, #2c323a);
`;

/** The --_pulso-* variables with their light and dark defaults. */
export const themeVariables = css`
  :host {
    color-scheme: light;
    --_pulso-fg: var(--pulso-fg, #1f2933);
    --_pulso-muted: var(--pulso-muted, #5b6573);
    --_pulso-surface: var(--pulso-surface, #ffffff);
    --_pulso-border: var(--pulso-border, #c9ced6);
    --_pulso-focus: var(--pulso-focus, #1a5fb4);
    --_pulso-danger: var(--pulso-danger, #b3261e);
    --_pulso-warning: var(--pulso-warning, #7a5200);
    --_pulso-skeleton: var(--pulso-skeleton, #e6e9ee);
    --_pulso-font: var(--pulso-font, system-ui, sans-serif);
  }
  ${whenDark(dark)}
`;

/** Text for screen readers only. */
export const visuallyHidden = css`
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
`;

export const themeStyles = css`
  ${hostSeal}
  ${themeVariables}
  :host {
    display: block;
    /* As a grid or flex item, shrink to the track and let a wide chart scroll inside. */
    min-width: 0;
    contain: content;
    color: var(--_pulso-fg);
    font-family: var(--_pulso-font);
  }
  :host([hidden]) {
    display: none;
  }
  ${visuallyHidden}

  :focus-visible {
    outline: 2px solid var(--_pulso-focus);
    outline-offset: 2px;
  }
`;
