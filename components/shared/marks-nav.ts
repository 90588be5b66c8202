// Keyboard and pointer reach for chart marks (issue 4 "chart frame", DESIGN.md
// §3.9): a roving tabindex so a chart is one Tab stop, arrow keys inside it.
// The controller only reads `data-*` positions and sets `tabindex`; the widget
// owns roles and `aria-label`s, so the same controller serves heatmaps and lines.
// Where a key goes and the tooltip's styles are a chunk fetched on the first hover, focus
// or key on a mark (marks-keys.ts): the events before it is in wait for it, in order.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type * as MarksKeys from './marks-keys.js';

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

export interface MarkEntry {
  el: HTMLElement | SVGElement;
  pos: MarkPosition;
}
type Entry = MarkEntry;

/** The keys that move between marks (swallowed on a mark even at an edge: arrows would scroll the page). */
const NAV_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

let keys: typeof MarksKeys | undefined;
let loading: Promise<typeof MarksKeys> | undefined;

/** The marks' chunk, once it is in (tooltip.ts draws an open tooltip with it). */
export const marksKeys = (): typeof MarksKeys | undefined => keys;

/** Fetches the marks' chunk once (a failed fetch is tried again at the next event); tests call it to start with it in. */
export function loadMarksKeys(): Promise<typeof MarksKeys> {
  loading ??= import('./marks-keys.js').then(
    (m) => (keys = m),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

const int = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
};

const same = (a: MarkPosition, b: MarkPosition): boolean => a.row === b.row && a.col === b.col;

/** The entry of `list` whose col is nearest `col` (ties go to the smaller col). */
export function nearestCol(list: Entry[], col: number): Entry | undefined {
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
  /** The events waiting for the chunk, in order (undefined once it is in, or before any). */
  #queue?: Promise<void>;

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

  /**
   * Runs `fn` now if the chunk is in (its styles joined to the shadow root), else once it is,
   * after the events before it. `needs`: the event needs the chunk (else it runs now unless
   * others wait). A chunk that could not be fetched drops the event (the next one fetches it
   * again); an error in `fn` is reported as a listener's would be.
   */
  #run(fn: () => void, needs = false): void {
    const now = () => {
      const sheet = keys?.tooltipStyles.styleSheet;
      const root = this.host.renderRoot;
      if (sheet && root instanceof ShadowRoot && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      fn();
    };
    if (keys || (!needs && !this.#queue)) return now();
    const queue: Promise<void> = (this.#queue ?? Promise.resolve())
      .then(loadMarksKeys)
      .then(now, () => undefined)
      .catch(reportError)
      .then(() => {
        if (this.#queue === queue) this.#queue = undefined;
      });
    this.#queue = queue;
  }

  /** The element that has focus in the render root, if any. */
  #focused(): Element | null {
    const root = this.host.renderRoot;
    return root instanceof ShadowRoot ? root.activeElement : document.activeElement;
  }

  /**
   * A key on `el`: where it goes, once the chunk is in. A key pressed on the mark that had
   * focus starts from the mark that has it when it is handled (keys pressed before the chunk
   * came each take one step).
   */
  #key(key: string, ctrl: boolean, el: Element): void {
    const follow = this.#focused() === el;
    this.#run(() => {
      const entries = this.#entries();
      const start = (follow && this.#focused()) || el;
      const from = entries.find((e) => e.el === start);
      if (!from) return;
      if (key === 'Enter' || key === ' ') return this.#opts.onSelect?.(from.el, { ...from.pos });
      const to = keys!.keyTarget(key, ctrl, from, entries);
      if (to && to !== from) this.setActive(to.pos, true);
    }, key !== 'Enter' && key !== ' ');
  }

  readonly #onKeydown = (ev: KeyboardEvent): void => {
    const from = this.#markOf(ev);
    if (!from) return;
    if (ev.key === 'Escape') return this.#run(() => this.#opts.onDismiss?.('escape'));
    if (ev.key !== 'Enter' && ev.key !== ' ' && !NAV_KEYS.includes(ev.key)) return;
    ev.preventDefault();
    this.#key(ev.key, ev.ctrlKey || ev.metaKey, from.el);
  };

  readonly #onFocusin = (ev: FocusEvent): void => {
    const mark = this.#markOf(ev);
    if (!mark) return;
    this.#active = { ...mark.pos };
    this.#apply(this.#entries());
    this.#run(() => this.#opts.onActivate?.(mark.el, { ...mark.pos }, 'focus'), true);
  };

  readonly #onFocusout = (ev: FocusEvent): void => {
    if (!this.#markOf(ev)) return;
    // relatedTarget is retargeted to the host here, so look once focus has settled.
    setTimeout(() => {
      const now = this.#focused();
      if (!this.#entries().some((e) => e.el === now)) this.#run(() => this.#opts.onDismiss?.('blur'));
    });
  };

  readonly #onClick = (ev: MouseEvent): void => {
    const mark = this.#markOf(ev);
    if (!mark) return;
    this.#run(() => {
      this.setActive(mark.pos);
      this.#opts.onSelect?.(mark.el, { ...mark.pos });
    });
  };

  readonly #onPointerenter = (ev: Event): void => {
    // The pointer on the widget: its marks' chunk is fetched now, before it reaches one.
    if (ev.composedPath()[0] === this.host) void loadMarksKeys().catch(() => undefined);
    const mark = this.#markOf(ev);
    if (mark && ev.composedPath()[0] === mark.el) this.#run(() => this.#opts.onActivate?.(mark.el, { ...mark.pos }, 'pointer'), true);
  };

  readonly #onPointerleave = (ev: Event): void => {
    const mark = this.#markOf(ev);
    if (mark && ev.composedPath()[0] === mark.el) this.#run(() => this.#opts.onDismiss?.('pointerleave'));
  };
}
