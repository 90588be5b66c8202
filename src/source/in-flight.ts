// Work shared by its callers while it runs: one run per key, however many ask. Each
// caller may give up (its signal aborts); when the last one has, the work is aborted —
// a task later, so a caller that gives up only to ask again at once (a widget whose
// run was superseded by a newer one) finds it still running. A caller without a signal
// keeps it going. Finished work is forgotten: keeping results is the caller's business.
import { untilAborted } from '../data/abort.js';

interface Run<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
  done: boolean;
}

export class InFlight<T> {
  private readonly runs = new Map<string, Run<T>>();

  /** @param closed aborts every run (the owner was dropped). */
  constructor(private readonly closed?: AbortSignal) {}

  /** The run of `key`, started with `start` when none is running; rejects at once if `signal` aborts. */
  join(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let run = this.runs.get(key);
    if (!run) run = this.start(key, start);
    this.wait(run, signal);
    return untilAborted(run.promise, signal);
  }

  /** Whether `key` is running. */
  running(key: string): boolean {
    return this.runs.has(key);
  }

  private start(key: string, start: (signal: AbortSignal) => Promise<T>): Run<T> {
    const controller = new AbortController();
    const signal = this.closed ? AbortSignal.any([this.closed, controller.signal]) : controller.signal;
    const run: Run<T> = { controller, waiters: 0, done: false, promise: Promise.resolve().then(() => start(signal)) };
    const finish = (): void => {
      run.done = true;
      if (this.runs.get(key) === run) this.runs.delete(key);
    };
    run.promise.then(finish, finish);
    this.runs.set(key, run);
    // Forget the run at once when it is abandoned, so the next caller starts afresh.
    controller.signal.addEventListener('abort', () => {
      if (this.runs.get(key) === run) this.runs.delete(key);
    });
    return run;
  }

  private wait(run: Run<T>, signal?: AbortSignal): void {
    run.waiters += 1;
    if (!signal) return;
    const leave = (): void => {
      run.waiters -= 1;
      if (run.waiters > 0 || run.done) return;
      setTimeout(() => {
        if (run.waiters === 0 && !run.done) run.controller.abort(signal.reason);
      }, 0);
    };
    if (signal.aborted) return leave();
    signal.addEventListener('abort', leave, { once: true });
    const done = (): void => signal.removeEventListener('abort', leave);
    run.promise.then(done, done);
  }
}
