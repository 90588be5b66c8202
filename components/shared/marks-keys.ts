// What a chart's marks need only once a reader points at one, focuses one or presses a key
// there: where each navigation key goes, and the tooltip's styles, placement and positioning. A chunk of dist/pulso.js
// of its own, fetched on the first such event (marks-nav.ts), not before a page's first
// chart; the controller holds the events that come before it and handles them in order.
import { css } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { ElementPart } from 'lit/directive.js';
import { nearestCol } from './marks-nav.js';
import type { MarkEntry } from './marks-nav.js';
import type { TooltipOptions } from './tooltip.js';

/** Where `key` goes from `from` (see MarksNavController for the keys); undefined: nowhere. */
export function keyTarget(key: string, ctrl: boolean, from: MarkEntry, entries: MarkEntry[]): MarkEntry | undefined {
  const grid = entries.some((e) => e.pos.row !== null);
  const byCol = (list: MarkEntry[]) => [...list].sort((a, b) => a.pos.col - b.pos.col);
  const rowOf = (r: number | null) => byCol(entries.filter((e) => e.pos.row === r));
  const rows = [...new Set(entries.map((e) => e.pos.row ?? 0))].sort((a, b) => a - b);
  const line = grid ? rowOf(from.pos.row) : byCol(entries);
  const i = line.indexOf(from);
  const rowStep = (d: number) => {
    const r = rows[rows.indexOf(from.pos.row ?? 0) + d];
    return r === undefined ? undefined : nearestCol(rowOf(r), from.pos.col);
  };
  const all = grid ? rows.flatMap((r) => rowOf(r)) : line;
  switch (key) {
    case 'ArrowLeft':
      return line[i - 1];
    case 'ArrowRight':
      return line[i + 1];
    case 'ArrowUp':
      return grid ? rowStep(-1) : line[i - 1];
    case 'ArrowDown':
      return grid ? rowStep(1) : line[i + 1];
    case 'Home':
      return ctrl ? all[0] : line[0];
    case 'End':
      return ctrl ? all[all.length - 1] : line[line.length - 1];
    case 'PageUp':
      return grid ? nearestCol(rowOf(rows[0]), from.pos.col) : line[0];
    case 'PageDown':
      return grid ? nearestCol(rowOf(rows[rows.length - 1]), from.pos.col) : line[line.length - 1];
    default:
      return undefined;
  }
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
export const placed = directive(
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

/** The tooltip's styles (tooltip.ts draws it), joined to a widget's shadow root before its first tooltip. */
export const tooltipStyles = css`
  :host {
    --_pulso-tooltip-bg: var(--pulso-tooltip-bg, #1f2933);
    --_pulso-tooltip-fg: var(--pulso-tooltip-fg, #ffffff);
  }
  :host([theme='dark']) {
    --_pulso-tooltip-bg: var(--pulso-tooltip-bg, #e4e7eb);
    --_pulso-tooltip-fg: var(--pulso-tooltip-fg, #1b1f24);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_pulso-tooltip-bg: var(--pulso-tooltip-bg, #e4e7eb);
      --_pulso-tooltip-fg: var(--pulso-tooltip-fg, #1b1f24);
    }
  }
  .pulso-tooltip {
    position: absolute;
    left: var(--_pulso-tooltip-x, 0);
    top: var(--_pulso-tooltip-y, 0);
    max-width: var(--_pulso-tooltip-max, 240px);
    transform: translate(12px, calc(-100% - 12px));
    padding: 6px 8px;
    border-radius: 4px;
    background: var(--_pulso-tooltip-bg);
    color: var(--_pulso-tooltip-fg);
    font: 12px/20px system-ui, sans-serif;
    pointer-events: none;
    z-index: 1;
    overflow-wrap: anywhere;
  }
  .pulso-tooltip.flip-x {
    transform: translate(calc(-100% - 12px), calc(-100% - 12px));
  }
  .pulso-tooltip.below {
    transform: translate(12px, 12px);
  }
  .pulso-tooltip.flip-x.below {
    transform: translate(calc(-100% - 12px), 12px);
  }
  .pulso-tooltip[hidden] {
    display: none;
  }
  .pulso-tooltip-title {
    font-weight: 600;
  }
  .pulso-tooltip-value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
`;
