// Timing and JS-heap readings for the benches. performance.memory is precise with
// --enable-precise-memory-info (bench/browser.mjs). A kernel call is synchronous, so
// nothing can sample inside it: the reading right after it returns, before any
// collection we ask for, is the high-water mark short of what a minor GC freed.

declare global {
  interface Window {
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

/** Heap readings of one size's run: the starting point and the largest growth seen above it. */
export interface Sample {
  base: number;
  peak: number;
}

export function heap(): number {
  return performance.memory?.usedJSHeapSize ?? 0;
}

/**
 * A full collection, twice: after the first, the backing stores of dead typed arrays
 * are still counted in usedJSHeapSize (measured here: 400 MB of dead Float64Arrays
 * stayed counted after one gc() and a 50 ms wait, and went with the second).
 */
export function collect(): void {
  window.gc?.();
  window.gc?.();
}

/** Runs `fn` once after a full GC: its time, its result, and the heap it grew by. */
export function measure<T>(fn: () => T, s: Sample): { ms: number; value: T; heapGrowth: number } {
  collect();
  const before = heap();
  const t0 = performance.now();
  const value = fn();
  const ms = performance.now() - t0;
  const after = heap();
  s.peak = Math.max(s.peak, after - s.base);
  return { ms, value, heapGrowth: after - before };
}

export function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Yields to the event loop (so the runner can poll the page and console lines flush). */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
