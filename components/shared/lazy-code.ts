// Code a widget draws with that comes in a chunk of its own, fetched when such a widget
// first renders (the survival and value charts: a page without them never fetches their
// drawing). Until it is in, the widget shows its skeleton; if it could not be fetched, it
// says so with a button to try again (ChartElement.render). The widget's words, summary
// and table need none of it, so a CSV export works without it.

export type CodeState = 'ready' | 'loading' | 'failed';

export class LazyCode<M> {
  private module?: M;
  private loading?: Promise<void>;
  private failed = false;

  constructor(private readonly load: () => Promise<M>) {}

  /** The module; only read once `state()` is `ready` (a render, a mark's tooltip). */
  get code(): M {
    if (!this.module) throw new Error('Pulso: a chart was drawn before its code was loaded');
    return this.module;
  }

  /** `loading` also before the first fetch (a widget shows its skeleton then). */
  state(): CodeState {
    if (this.module) return 'ready';
    return this.failed && !this.loading ? 'failed' : 'loading';
  }

  /**
   * Undefined when the code is in, or failed (until `retry`); else the promise of its
   * fetch, started now if not yet. It never rejects.
   */
  start(): Promise<void> | undefined {
    if (this.module || this.failed) return undefined;
    this.loading ??= this.load()
      .then(
        (m) => void (this.module = m),
        () => void (this.failed = true),
      )
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Fetches again after a failure (the failure state's button). */
  retry(): Promise<void> | undefined {
    this.failed = false;
    return this.start();
  }
}
