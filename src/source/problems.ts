// Cache problems told to the page once each: a problem of a shared cache reaches every
// source over that cache, and a bad setting is the same on every widget that wrote it.
// A cache's problem waits until its source has a listener (a widget on the page), then
// goes to the newest one, which turns it into a `pulso-cache-problem` event; a bad
// setting is told by the first element that wrote it.
import type { CacheProblem } from '../cache/types.js';
import type { WorkerProblem } from '../worker/client.js';

/** What the page is told once: a cache problem, or that Pulso's worker cannot be used. */
export type PageProblem = CacheProblem | WorkerProblem;

type Listener = (problem: PageProblem) => void;

export class ProblemBoard {
  private readonly told = new WeakSet<PageProblem>();
  private readonly toldSettings = new Set<string>();
  private readonly pending = new WeakMap<object, PageProblem[]>();
  private readonly listeners = new WeakMap<object, Listener[]>();

  /** A problem that arose in `owner` (a source). */
  tell(owner: object, problem: PageProblem): void {
    if (this.told.has(problem)) return;
    const list = this.pending.get(owner) ?? [];
    list.push(problem);
    this.pending.set(owner, list);
    this.flush(owner);
  }

  /**
   * A setting that could not be followed, as the problem to tell when the page has not
   * been told it yet (undefined after): the element that wrote it tells it.
   */
  setting(message: string): CacheProblem | undefined {
    if (this.toldSettings.has(message)) return undefined;
    this.toldSettings.add(message);
    return { code: 'setting', message };
  }

  listen(owner: object, listener: Listener): () => void {
    const list = this.listeners.get(owner) ?? [];
    list.push(listener);
    this.listeners.set(owner, list);
    this.flush(owner);
    return () => {
      const now = this.listeners.get(owner) ?? [];
      const i = now.lastIndexOf(listener);
      if (i >= 0) now.splice(i, 1);
    };
  }

  private flush(owner: object): void {
    const listener = this.listeners.get(owner)?.at(-1);
    const waiting = this.pending.get(owner);
    if (!listener || !waiting?.length) return;
    for (const problem of waiting.splice(0)) {
      if (this.told.has(problem)) continue;
      this.told.add(problem);
      listener(problem);
    }
  }
}
