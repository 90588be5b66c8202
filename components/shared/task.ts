// The run state of a widget's data (data-controller.ts): the part of @lit/task 1.0 Pulso
// used, in its few lines (the package's task and its status map cost ~1 KB gzip before
// every page's first chart). Its rules, kept as they were:
// - in the host's update, it runs when an argument changed (`Object.is`, one by one);
// - a new run aborts the pending run's signal, and only the last run's outcome is kept;
// - a run that gives back `initialState` makes the status 'initial' and keeps the value;
//   an error clears the value (the status says 'error', `error` why);
// - `taskComplete` is the current run's promise: asked while pending, it settles when the
//   last run does (a run ending in `initialState` leaves it pending); otherwise it is the
//   value now, or the error now (rejected).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { DataStatus } from './data-types.js';

/** What a run gives back to go back to 'initial' (nothing to load, or the element left). */
export const initialState: unique symbol = Symbol();

export interface TaskOptions<T> {
  task: (args: readonly unknown[], options: { signal: AbortSignal }) => Promise<T | typeof initialState>;
  args: () => readonly unknown[];
  /** The last run failed (not called for runs a newer one replaced). */
  onError?: (error: unknown) => void;
}

export class Task<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: TaskOptions<T>;
  #state: DataStatus = 'initial';
  #last?: T;
  #failure?: unknown;
  #previous?: readonly unknown[];
  #calls = 0;
  #aborter?: AbortController;
  #complete?: Promise<T>;
  #settle?: { ok: (value: T) => void; fail: (error: unknown) => void };

  constructor(host: ReactiveControllerHost, options: TaskOptions<T>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  get status(): DataStatus {
    return this.#state;
  }

  /** The last complete run's value (kept while a new run is pending; undefined after an error). */
  get value(): T | undefined {
    return this.#last;
  }

  get error(): unknown {
    return this.#failure;
  }

  get taskComplete(): Promise<T> {
    if (!this.#complete) {
      if (this.#state === 'pending') this.#complete = new Promise((ok, fail) => (this.#settle = { ok, fail }));
      else this.#complete = this.#state === 'error' ? Promise.reject(this.#failure) : Promise.resolve(this.#last as T);
    }
    return this.#complete;
  }

  hostUpdate(): void {
    const args = this.#options.args();
    const prev = this.#previous;
    this.#previous = args;
    if (!prev || prev.length !== args.length || args.some((a, i) => !Object.is(a, prev[i]))) void this.run(args);
  }

  /** Runs now (with the current arguments unless given); resolves when this run has settled. */
  async run(args: readonly unknown[] = this.#options.args()): Promise<void> {
    this.#previous = args;
    if (this.#state === 'pending') this.#aborter?.abort();
    else this.#complete = this.#settle = undefined;
    this.#state = 'pending';
    this.#host.requestUpdate();
    const call = ++this.#calls;
    this.#aborter = new AbortController();
    let result: T | typeof initialState | undefined;
    let error: unknown;
    let failed = false;
    try {
      result = await this.#options.task(args, { signal: this.#aborter.signal });
    } catch (e) {
      failed = true;
      error = e;
    }
    if (call !== this.#calls) return; // a newer run took over
    if (result === initialState) this.#state = 'initial';
    else {
      if (failed) this.#options.onError?.(error);
      this.#state = failed ? 'error' : 'complete';
      if (failed) this.#settle?.fail(error);
      else this.#settle?.ok(result as T);
      this.#last = result as T | undefined;
      this.#failure = error;
    }
    this.#host.requestUpdate();
  }
}
