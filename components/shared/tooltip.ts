// The chart tooltip (issue 4 "chart frame"): one template for pointer and
// keyboard, referenced by the active mark's `aria-describedby`. Position goes
// through CSS custom properties set on `element.style` (CSSOM, allowed by a
// strict `style-src`, DESIGN.md §3.10). Not `styleMap`: its `style=` binding puts
// a `style` attribute in the template, which `style-src-attr` blocks on clone.
// Data reaches the tooltip only through Lit bindings. Its styles, its placement and the
// directive that positions it come with the marks' chunk (marks-keys.ts), which is in before
// a tooltip first opens (marks-nav.ts); until then it is drawn closed, as it starts.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { marksKeys } from './marks-nav.js';

export interface TooltipLine {
  label: string;
  value: string;
}

export interface TooltipOptions {
  open: boolean;
  /** Anchor in px, relative to the positioned container. */
  x: number;
  y: number;
  containerWidth: number;
  lines: TooltipLine[];
  /** For the active mark's `aria-describedby`. */
  id: string;
  /** Optional heading line, e.g. the cohort or period. */
  title?: string;
  /** Width the tooltip may take (px); also its CSS max-width. Default 240. */
  maxWidth?: number;
}

/**
 * Renders the tooltip; the container must be `position: relative`. It stays
 * in the DOM while closed (`hidden`) so `aria-describedby` always resolves.
 */
export function renderTooltip(o: TooltipOptions): TemplateResult {
  const keys = marksKeys();
  // A closed tooltip anchored at 0, 0 (as widgets draw it) opens below, whichever way it is worked out.
  const { flipX, below } = keys?.tooltipPlacement(o) ?? { flipX: false, below: true };
  const classes = `pulso-tooltip${flipX ? ' flip-x' : ''}${below ? ' below' : ''}`;
  const styles = {
    '--_pulso-tooltip-x': `${Math.round(o.x)}px`,
    '--_pulso-tooltip-y': `${Math.round(o.y)}px`,
    '--_pulso-tooltip-max': `${o.maxWidth ?? 240}px`,
  };
  return html`<div id=${o.id} role="tooltip" part="tooltip" class=${classes} ${keys ? keys.placed(styles) : nothing}
    ?hidden=${!o.open}>
    ${o.title ? html`<div class="pulso-tooltip-title">${o.title}</div>` : nothing}
    ${o.lines.map(
      (l) => html`<div class="pulso-tooltip-line">
        <span class="pulso-tooltip-label">${l.label}</span> <span class="pulso-tooltip-value">${l.value}</span>
      </div>`,
    )}
  </div>`;
}

/** Where the tooltip of `mark` points: the top centre of the mark, relative to `box`, and the box's width. */
export function anchorOf(mark: Element, box: Element): { x: number; y: number; width: number } {
  const r = mark.getBoundingClientRect();
  const b = box.getBoundingClientRect();
  return { x: r.left + r.width / 2 - b.left, y: r.top - b.top, width: b.width };
}

/** Makes `mark` the one element of `root` described by the tooltip `id`. */
export function describeBy(root: ParentNode, mark: Element, id: string): void {
  for (const m of root.querySelectorAll(`[aria-describedby="${id}"]`)) if (m !== mark) m.removeAttribute('aria-describedby');
  mark.setAttribute('aria-describedby', id);
}
