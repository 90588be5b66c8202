// Work over a table's rows as steps (a generator yields between them), run two ways:
// straight through where nothing else waits for the thread (Pulso's worker, Node), or
// on a page's main thread — the fallback when there is no worker — yielding to the
// event loop whenever a step ends past the time budget, so no task of it passes 50 ms
// (bench/RESULTS.md, "h14fb"). The steps are the same either way, so is the result.
import { nextTask } from '../source/tasks.js';

/** Steps of work that ends in a T: each `yield` is a place it may pause. */
export type Steps<T> = Generator<void, T, void>;

export interface Slices {
  /** Rows per step of a row loop (a multiple of 8: Arrow validity bitmaps are cut at bytes). */
  rows: number;
  /** Wall time a task runs steps before it yields. */
  budgetMs: number;
  /** Resolves in a later task. */
  next(): Promise<void>;
}

/**
 * On a page's main thread. A step of 4k rows: ≈ 0.3 ms of text reading in Chromium when
 * values repeat, up to ≈ 8 ms at a loaded machine's pace when each is new (ids interned
 * one by one; 16k rows were steps of 27–33 ms CPU there).
 */
const MAIN_THREAD: Slices = { rows: 4_096, budgetMs: 10, next: nextTask };

let override: Slices | null | undefined;

/** How steps run here: in slices on a page's main thread, else undefined (straight through). */
export function hereSlices(): Slices | undefined {
  if (override !== undefined) return override ?? undefined;
  // A page's main thread has a document; a worker and Node have none.
  return (globalThis as { document?: unknown }).document === undefined ? undefined : MAIN_THREAD;
}

/** Tests: the slices to use (null: none, straight through; undefined: by where it runs); returns the ones set before. */
export function useSlices(slices: Slices | null | undefined): Slices | null | undefined {
  const before = override;
  override = slices;
  return before;
}

/** Rows per step of work that is not cut: every row (of a record batch) in one step. */
export const WHOLE = 2 ** 30;

/** Rows per step as given, at least 8 and a multiple of 8; WHOLE when not given. */
export function sliceRows(rows: number | undefined): number {
  if (rows === undefined || !(rows < WHOLE)) return WHOLE;
  return Math.max(8, Math.floor(rows / 8) * 8);
}

/** `f` over rows [a, b) of n, slice after slice in order, a step each. */
export function* eachSlice(n: number, rows: number, f: (a: number, b: number) => void): Steps<void> {
  for (let a = 0; a < n; a += rows) {
    f(a, Math.min(n, a + rows));
    yield;
  }
}

/**
 * The steps run where this is: in slices on a page's main thread (a query's kernel on the
 * fallback), else straight through, in the task that asked.
 */
export async function stepsHere<T>(steps: Steps<T>, signal?: AbortSignal): Promise<T> {
  const slices = hereSlices();
  return slices ? inSlices(steps, slices, signal) : finish(steps);
}

/** Runs every step now. */
export function finish<T>(steps: Steps<T>): T {
  let r = steps.next();
  while (!r.done) r = steps.next();
  return r.value;
}

/**
 * Runs the steps, yielding to the event loop whenever `budgetMs` has passed since the
 * task began; an aborted `signal` stops them at the next yield (the work is stale).
 */
export async function inSlices<T>(steps: Steps<T>, slices: Slices, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  let since = performance.now();
  try {
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      if (performance.now() - since < slices.budgetMs) continue;
      await slices.next();
      signal?.throwIfAborted();
      since = performance.now();
    }
  } finally {
    steps.return(undefined as never);
  }
}
