// Keyboard and pointer reach for chart marks (issue 4 "chart frame", DESIGN.md
// §3.9): a roving tabindex so a chart is one Tab stop, arrow keys inside it.
// The controller only reads `data-*` positions and sets `tabindex`; the widget
// owns roles and `aria-label`s, so the same controller serves heatmaps and lines.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Where a mark sits: `row` is null for a sequence (points of one line). */
export interface MarkPosition {
  row: number | null;
  col: number;
}

export type ActivateSource = 'focus' | 'pointer';
export type DismissReason = 'escape' | 'pointerleave' | 'blur';

export interface MarksNavOptions {
  /** Which elements of the render root are marks; default `[data-mark]`. */
  selector?: string;
  /** A mark gained focus or the pointer entered it: show its tooltip. */
  onActivate?: (mark: Element, pos: MarkPosition, source: ActivateSource) => void;
  /** Enter, Space or click on a mark: e.g. fire `pulso-select`. */
  onSelect?: (mark: Element, pos: MarkPosition) => void;
  /** Escape, the pointer leaving a mark, or focus leaving the marks: hide the tooltip. */
  onDismiss?: (reason: DismissReason) => void;
}

interface Entry {
  el: HTMLElement | SVGElement;
  pos: MarkPosition;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

const int = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
};

const same = (a: MarkPosition, b: MarkPosition): boolean => a.row === b.row && a.col === b.col;

/** The entry of `list` whose col is nearest `col` (ties go to the smaller col). */
function nearestCol(list: Entry[], col: number): Entry | undefined {
  let best: Entry | undefined;
  for (const e of list) {
    const d = Math.abs(e.pos.col - col);
    if (!best || d < Math.abs(best.pos.col - col) || (d === Math.abs(best.pos.col - col) && e.pos.col < best.pos.col))
      best = e;
  }
  return best;
}

/**
 * Roving tabindex over the marks in a host's render root.
 *
 * Marks carry `data-mark` plus `data-col`, and `data-row` in a grid. Exactly
 * one mark has `tabindex="0"` (the active one, first by default), the others
 * `-1`; the active position is kept by row/col across re-renders.
 *
 * Keys, on a focused mark:
 * - ArrowLeft / ArrowRight: previous / next mark in the row (sequence: previous / next point).
 * - ArrowUp / ArrowDown: the previous / next row that has marks, nearest column
 *   (ragged rows such as a retention triangle land on the row's last mark).
 *   In a sequence they act like ArrowLeft / ArrowRight.
 * - Home / End: first / last mark of the row; with Ctrl, of the whole chart.
 * - PageUp / PageDown: first / last row, nearest column.
 * - Enter / Space: `onSelect`. Escape: `onDismiss('escape')`.
 *
 * Pointer: entering a mark calls `onActivate(…, 'pointer')` without moving
 * focus or the tab stop; leaving calls `onDismiss('pointerleave')`; a click
 * selects the mark and makes it the tab stop.
 */
export class MarksNavController implements ReactiveController {
  readonly host: Host;
  readonly #opts: MarksNavOptions;
  #active: MarkPosition | null = null;
  #root?: HTMLElement | DocumentFragment;

  constructor(host: Host, options: MarksNavOptions = {}) {
    this.host = host;
    this.#opts = options;
    host.addController(this);
  }

  /** The position of the tab-stop mark, or null before any mark exists. */
  get activePosition(): MarkPosition | null {
    return this.#active ? { ...this.#active } : null;
  }

  /** The tab-stop mark element, if rendered. */
  get activeMark(): Element | null {
    return this.#resolve(this.#entries())?.el ?? null;
  }

  hostConnected(): void {
    // Focus moving between two marks of one shadow root never reaches the host
    // (both ends retarget to it, so the event stops at the root): listen there.
    this.#root = this.host.renderRoot ?? this.host;
    this.host.addEventListener('keydown', this.#onKeydown);
    this.#root.addEventListener('focusin', this.#onFocusin as EventListener);
    this.#root.addEventListener('focusout', this.#onFocusout as EventListener);
    this.host.addEventListener('click', this.#onClick);
    // pointerenter/leave do not bubble, but capture still passes the host.
    this.host.addEventListener('pointerenter', this.#onPointerenter, true);
    this.host.addEventListener('pointerleave', this.#onPointerleave, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.#onKeydown);
    this.#root?.removeEventListener('focusin', this.#onFocusin as EventListener);
    this.#root?.removeEventListener('focusout', this.#onFocusout as EventListener);
    this.host.removeEventListener('click', this.#onClick);
    this.host.removeEventListener('pointerenter', this.#onPointerenter, true);
    this.host.removeEventListener('pointerleave', this.#onPointerleave, true);
  }

  hostUpdated(): void {
    this.#apply(this.#entries());
  }

  /** Makes the mark at `pos` (or the nearest one) the tab stop; focuses it if asked. */
  setActive(pos: MarkPosition, focus = false): void {
    this.#active = { ...pos };
    const entry = this.#apply(this.#entries());
    if (focus) entry?.el.focus();
  }

  #entries(): Entry[] {
    const root = this.host.renderRoot;
    const out: Entry[] = [];
    for (const el of root.querySelectorAll<HTMLElement | SVGElement>(this.#opts.selector ?? '[data-mark]')) {
      const col = int(el.getAttribute('data-col'));
      if (col === null) continue;
      out.push({ el, pos: { row: int(el.getAttribute('data-row')), col } });
    }
    return out;
  }

  /** The entry for the active position, else the nearest in its row, else the first. */
  #resolve(entries: Entry[]): Entry | undefined {
    const a = this.#active;
    if (!a) return entries[0];
    return (
      entries.find((e) => same(e.pos, a)) ?? nearestCol(entries.filter((e) => e.pos.row === a.row), a.col) ?? entries[0]
    );
  }

  #apply(entries: Entry[]): Entry | undefined {
    const active = this.#resolve(entries);
    this.#active = active ? { ...active.pos } : null;
    for (const e of entries) {
      const ti = e === active ? '0' : '-1';
      if (e.el.getAttribute('tabindex') !== ti) e.el.setAttribute('tabindex', ti);
    }
    return active;
  }

  #markOf(ev: Event, entries = this.#entries()): Entry | undefined {
    for (const node of ev.composedPath()) {
      if (node === this.host) break;
      const hit = entries.find((e) => e.el === node);
      if (hit) return hit;
    }
    return undefined;
  }

  #target(key: string, ctrl: boolean, from: Entry, entries: Entry[]): Entry | undefined {
    const grid = entries.some((e) => e.pos.row !== null);
    const byCol = (list: Entry[]) => [...list].sort((a, b) => a.pos.col - b.pos.col);
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

  readonly #onKeydown = (ev: KeyboardEvent): void => {
    const entries = this.#entries();
    const from = this.#markOf(ev, entries);
    if (!from) return;
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      this.#opts.onSelect?.(from.el, { ...from.pos });
      return;
    }
    if (ev.key === 'Escape') {
      this.#opts.onDismiss?.('escape');
      return;
    }
    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];
    if (!keys.includes(ev.key)) return;
    // Arrows would scroll the page; swallow them even at an edge.
    ev.preventDefault();
    const to = this.#target(ev.key, ev.ctrlKey || ev.metaKey, from, entries);
    if (to && to !== from) this.setActive(to.pos, true);
  };

  readonly #onFocusin = (ev: FocusEvent): void => {
    const mark = this.#markOf(ev);
    if (!mark) return;
    this.#active = { ...mark.pos };
    this.#apply(this.#entries());
    this.#opts.onActivate?.(mark.el, { ...mark.pos }, 'focus');
  };

  readonly #onFocusout = (ev: FocusEvent): void => {
    if (!this.#markOf(ev)) return;
    // relatedTarget is retargeted to the host here, so look once focus has settled.
    setTimeout(() => {
      const root = this.host.renderRoot;
      const now = root instanceof ShadowRoot ? root.activeElement : document.activeElement;
      if (!this.#entries().some((e) => e.el === now)) this.#opts.onDismiss?.('blur');
    });
  };

  readonly #onClick = (ev: MouseEvent): void => {
    const mark = this.#markOf(ev);
    if (!mark) return;
    this.setActive(mark.pos);
    this.#opts.onSelect?.(mark.el, { ...mark.pos });
  };

  readonly #onPointerenter = (ev: Event): void => {
    const mark = this.#markOf(ev);
    if (mark && ev.composedPath()[0] === mark.el) this.#opts.onActivate?.(mark.el, { ...mark.pos }, 'pointer');
  };

  readonly #onPointerleave = (ev: Event): void => {
    const mark = this.#markOf(ev);
    if (mark && ev.composedPath()[0] === mark.el) this.#opts.onDismiss?.('pointerleave');
  };
}
