// A `source` attribute: a registered adapter name or the base URL of a JSON API. A page
// may register its adapter after the elements load, so a name not registered yet is
// waited for: `onRegistered` is called once it is.
import { isRegistered, isUrlSource, onAdapterRegistered, resolveSource } from '../../src/adapters/registry.js';
import type { Adapter } from '../../src/adapters/types.js';

export class SourceName {
  #stop?: () => void;

  readonly #onRegistered: () => void;

  constructor(onRegistered: () => void) {
    this.#onRegistered = onRegistered;
  }

  /**
   * The adapter `source` names, `undefined` when there is none; `'waiting'` when it is a
   * name no adapter is registered under yet. Throws when the registered factory fails.
   */
  resolve(source: string | undefined): Adapter | 'waiting' | undefined {
    this.cancel();
    const name = source?.trim();
    if (!name) return undefined;
    if (isUrlSource(name) || isRegistered(name)) return resolveSource(name);
    this.#stop = onAdapterRegistered((registered) => {
      if (registered !== name) return;
      this.cancel();
      this.#onRegistered();
    });
    return 'waiting';
  }

  /** Stops waiting (the element left the page). */
  cancel(): void {
    this.#stop?.();
    this.#stop = undefined;
  }
}
