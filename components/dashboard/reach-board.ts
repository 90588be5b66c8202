// Which of the dashboard's filters reached each widget, as the widgets say after each
// run: what a chip counts ("filters 4 of 8 charts").
import type { DashboardFilter } from '../shared/context.js';

/** How many widgets some filters reach, of those they could (their source widget left out). */
export interface ReachCount {
  reached: number;
  of: number;
}

export class ReachBoard {
  readonly #byWidget = new Map<Element, ReadonlyMap<string, boolean>>();

  /** A widget's news: which filter ids reached its data (undefined: it has none now). */
  set(widget: Element, reached: ReadonlyMap<string, boolean> | undefined): void {
    if (reached) this.#byWidget.set(widget, reached);
    else this.#byWidget.delete(widget);
  }

  /**
   * How many widgets on the page any of the filters `ids` reach, of those that ran with
   * them; the widget a cross-filter came from is not filtered by it and not counted.
   */
  count(ids: readonly string[], filters: readonly DashboardFilter[]): ReachCount | undefined {
    const source = filters.find((f) => ids.includes(f.id))?.source;
    let reached = 0;
    let of = 0;
    for (const [widget, map] of this.#byWidget) {
      if (!widget.isConnected || widget === source || !ids.some((id) => map.has(id))) continue;
      of += 1;
      if (ids.some((id) => map.get(id))) reached += 1;
    }
    return of ? { reached, of } : undefined;
  }
}
