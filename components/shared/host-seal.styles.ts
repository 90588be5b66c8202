// What a widget does not take from the page around it. Inherited CSS properties
// cross the shadow boundary, so a host's `#root { text-align: center }` (Vite's
// React template) or `body { line-height: 1.5; letter-spacing: .02em }` would
// re-typeset every label, legend and value. Here each inherited property that
// changes how text or marks are laid out or painted goes back to its initial
// value on :host (the list is mdn-data's `inherited: true` properties, checked
// one by one). test/components/shared/host-seal.browser.test.ts guards it.
//
// Let through on purpose:
// - the host's choices through our custom properties: --pulso-font (family),
//   --pulso-fg and the other colours; `theme` sets color-scheme (theme.styles.ts);
// - visibility, pointer-events, interactivity (hiding or disabling a part of the
//   page legitimately includes the widget); accent-color, caret-color,
//   forced-color-adjust, print-color-adjust, text-size-adjust and font smoothing
//   (the page's and the user's rendering preferences, which move nothing);
// - rules the host writes on the element itself (`pulso-kpi { … }`) and ::part()
//   rules: outer rules win over :host, so a deliberate override still works.
//
// Decisions: the base font size is 1rem (the page's root size, which the user's
// browser setting scales) rather than whatever the container has, because the
// charts' own sizes are px and rem: text that followed a container's size would
// no longer match them. Direction is always ltr: every locale is left-to-right
// and the chart geometry is computed left to right, so an rtl page must not
// mirror half of it (an rtl locale will set direction from the locale, not CSS).
// Text decorations are not inherited but propagate to block descendants; a
// host's underline on a block ancestor of a widget is not stopped here.
import { css } from 'lit';

export const hostSeal = css`
  :host {
    /* Text layout: alignment, spacing, case, wrapping, direction. */
    direction: ltr;
    writing-mode: horizontal-tb;
    text-orientation: mixed;
    text-combine-upright: none;
    text-align: start;
    text-align-last: auto;
    text-justify: auto;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    text-emphasis: none;
    text-rendering: auto;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    text-wrap-style: auto;
    word-break: normal;
    overflow-wrap: normal;
    line-break: auto;
    hyphens: manual;
    hanging-punctuation: none;
    tab-size: 8;
    quotes: auto;
    -webkit-text-fill-color: currentcolor;
    -webkit-text-stroke: 0;

    /* Fonts: the shorthand resets style, variant, weight, stretch, size, line
       height and also size-adjust, kerning, feature and variation settings,
       optical sizing; the family is set from --pulso-font by theme.styles.ts. */
    font: 400 1rem / normal system-ui, sans-serif;
    font-synthesis: weight style small-caps;
    font-palette: normal;

    /* Lists and tables. */
    list-style: disc outside none;
    border-collapse: separate;
    border-spacing: 0;
    caption-side: top;
    empty-cells: show;

    /* SVG painting properties inherit from any ancestor, not only from svg. */
    fill: initial;
    fill-opacity: initial;
    fill-rule: initial;
    stroke: initial;
    stroke-width: initial;
    stroke-opacity: initial;
    stroke-dasharray: initial;
    stroke-dashoffset: initial;
    stroke-linecap: initial;
    stroke-linejoin: initial;
    stroke-miterlimit: initial;
    paint-order: initial;
    marker: initial;
    text-anchor: initial;
    dominant-baseline: initial;
    shape-rendering: initial;
    clip-rule: initial;
    color-interpolation: initial;
    color-interpolation-filters: initial;
    image-rendering: initial;

    /* Interaction and chrome. */
    cursor: auto;
    scrollbar-color: auto;
  }
`;
