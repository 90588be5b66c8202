// Tracks the host's content-box width so a chart can lay itself out from
// a 320 px phone (whose padded boxes are narrower) to 1600 px wide (issue 4 "chart frame"). One ResizeObserver per host;
// a burst of observations becomes one host update on the next animation frame.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Below a 320 px phone's width: the widget's box there is narrower by the page's padding. */
export const MIN_WIDTH = 240;
export const MAX_WIDTH = 1600;
export const DEFAULT_WIDTH = 640;

/** A width in whole pixels, held to the range the charts are designed for. */
export function clampWidth(px: number): number {
  if (!Number.isFinite(px)) return DEFAULT_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(px)));
}

export class ResizeController implements ReactiveController {
  /** Content-box width in px, clamped to [240, 1600]; 640 until first observed. */
  width = DEFAULT_WIDTH;

  readonly #host: ReactiveControllerHost & Element;
  #observer?: ResizeObserver;
  #frame = 0;
  #pending?: number;
  readonly #drawsWidth: () => boolean;

  /**
   * `drawsWidth`: whether the host shows anything laid out by its width now; while it
   * does not (a loading skeleton), a new width is kept for its next render without
   * asking for one — no second render of every skeleton on a dashboard as it joins.
   */
  constructor(host: ReactiveControllerHost & Element, drawsWidth: () => boolean = () => true) {
    this.#host = host;
    this.#drawsWidth = drawsWidth;
    host.addController(this);
  }

  hostConnected(): void {
    if (typeof ResizeObserver === 'undefined') return;
    this.#observer ??= new ResizeObserver((entries) => this.#observed(entries));
    this.#observer.observe(this.#host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#pending = undefined;
  }

  #observed(entries: readonly ResizeObserverEntry[]): void {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const box = entry.contentBoxSize?.[0];
    this.#pending = box ? box.inlineSize : entry.contentRect.width;
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      const next = this.#pending === undefined ? this.width : clampWidth(this.#pending);
      this.#pending = undefined;
      if (next === this.width) return;
      this.width = next;
      if (this.#drawsWidth()) this.#host.requestUpdate();
    });
  }
}
