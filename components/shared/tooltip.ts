// The chart tooltip (issue 4 "chart frame"): one template for pointer and
// keyboard, referenced by the active mark's `aria-describedby`. Position goes
// through CSS custom properties set on `element.style` (CSSOM, allowed by a
// strict `style-src`, DESIGN.md §3.10). Not `styleMap`: its `style=` binding puts
// a `style` attribute in the template, which `style-src-attr` blocks on clone.
// Data reaches the tooltip only through Lit bindings. Its styles come with the marks' chunk
// (marks-keys.ts), joined to the shadow root before it first opens (marks-nav.ts).
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { ElementPart } from 'lit/directive.js';

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

/** Gap between the anchor and the tooltip, px. */
export const TOOLTIP_OFFSET = 12;
const LINE_HEIGHT = 20;

/** Which way the tooltip opens so it stays inside the container. */
export function tooltipPlacement(o: TooltipOptions): { flipX: boolean; below: boolean } {
  const width = o.maxWidth ?? 240;
  const flipX = o.x + TOOLTIP_OFFSET + width > o.containerWidth && o.x > o.containerWidth / 2;
  const height = (o.lines.length + (o.title ? 1 : 0)) * LINE_HEIGHT + 16;
  return { flipX, below: o.y - TOOLTIP_OFFSET - height < 0 };
}

/**
 * Sets the tooltip's position as custom properties through the CSSOM, which a CSP without
 * 'unsafe-inline' styles allows (a `style` attribute it refuses). A plain directive: Lit's
 * `ref` would bring its async-directive machinery to every page for this.
 */
const placed = directive(
  class extends Directive {
    render(_styles: Readonly<Record<string, string>>): unknown {
      return undefined;
    }
    override update(part: ElementPart, [styles]: [Readonly<Record<string, string>>]): unknown {
      const el = part.element as HTMLElement;
      for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v);
      return undefined;
    }
  },
);

/**
 * Renders the tooltip; the container must be `position: relative`. It stays
 * in the DOM while closed (`hidden`) so `aria-describedby` always resolves.
 */
export function renderTooltip(o: TooltipOptions): TemplateResult {
  const { flipX, below } = tooltipPlacement(o);
  const classes = `pulso-tooltip${flipX ? ' flip-x' : ''}${below ? ' below' : ''}`;
  const styles = {
    '--_pulso-tooltip-x': `${Math.round(o.x)}px`,
    '--_pulso-tooltip-y': `${Math.round(o.y)}px`,
    '--_pulso-tooltip-max': `${o.maxWidth ?? 240}px`,
  };
  return html`<div id=${o.id} role="tooltip" part="tooltip" class=${classes} ${placed(styles)}
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
