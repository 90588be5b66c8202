// The theme in force on a widget: its own `theme` attribute, else its dashboard's,
// else the page's prefers-color-scheme. The inherited one is shown to CSS as a custom
// state (`:host(:state(dark))`), the element's own internal state, so nothing is
// written into the attributes or properties the page owns.
import type { ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement;

export class ThemeController {
  #internals?: ElementInternals;

  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
  }

  /** Shows `theme` ('light', 'dark' or none) as the host's custom state. */
  apply(theme: string | undefined): void {
    const states = this.#states();
    if (!states) return;
    try {
      for (const name of ['light', 'dark'] as const) {
        if (theme === name) states.add(name);
        else states.delete(name);
      }
    } catch {
      // A browser whose custom states take only `--name`s: the `theme` attribute still works.
    }
  }

  #states(): CustomStateSet | undefined {
    if (!this.#internals) {
      try {
        this.#internals = this.#host.attachInternals();
      } catch {
        return undefined; // not a custom element (a test double), or internals taken
      }
    }
    return this.#internals.states;
  }
}
