// Failures of the store are told once, never thrown: a broken IndexedDB on a
// hospital PC should cost one notice, not an error per widget per load.
import type { CacheProblem, CacheProblemCode, CacheProblemListener } from './types.js';

export class ProblemReporter {
  private readonly seen = new Set<CacheProblemCode>();
  private readonly listeners = new Set<CacheProblemListener>();
  /** Every problem reported so far, for a listener that subscribes late. */
  readonly reported: CacheProblem[] = [];

  constructor(listener?: CacheProblemListener) {
    if (listener) this.listeners.add(listener);
  }

  listen(listener: CacheProblemListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Tells the listeners, the first time this kind of problem happens. */
  report(code: CacheProblemCode, message: string, cause?: unknown): void {
    if (this.seen.has(code)) return;
    this.seen.add(code);
    const problem: CacheProblem =
      cause === undefined ? { code, message } : { code, message, cause };
    this.reported.push(problem);
    for (const listener of this.listeners) {
      try {
        listener(problem);
      } catch (error) {
        // A host's listener that throws must not break loading; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** A short description of an unknown error for a problem message. */
export function reason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
