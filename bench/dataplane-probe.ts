// Watching the main thread across one interaction (a click, a filter set): the long
// tasks Chromium reports (≥ 50 ms, with durations), an independent event-loop probe
// (a MessageChannel ping loop; its largest gap between two turns is the longest time
// anything kept the thread, tasks under 50 ms and rendering included), a DevTools trace
// of every task with its CPU time (bench/main-thread.mjs), the time until every widget
// has redrawn, and the JS heap before, at the redraw, and after a GC.
import { collect, heap } from './measure.js';

/** A ping loop over a MessageChannel: a turn per task slot, so a gap is a task (or a frame) that held the thread. */
class LoopProbe {
  private readonly channel = new MessageChannel();
  private generation = 0;
  private running = false;
  private last = 0;
  /** Gaps over 1 ms: [end, length]. */
  private gaps: [number, number][] = [];

  constructor() {
    this.channel.port1.onmessage = (e: MessageEvent<number>) => {
      if (!this.running || e.data !== this.generation) return;
      const now = performance.now();
      if (now - this.last > 1) this.gaps.push([now, now - this.last]);
      this.last = now;
      this.channel.port2.postMessage(this.generation);
    };
  }

  start(): void {
    this.generation++;
    this.running = true;
    this.gaps = [];
    this.last = performance.now();
    this.channel.port2.postMessage(this.generation);
  }

  /** The largest gap so far that ended at or after `since`, and where it ended (the loop keeps running). */
  largest(since: number): { gap: number; endedAt: number } {
    let gap = 0;
    let endedAt = since;
    for (const [end, length] of this.gaps)
      if (end >= since && length > gap) [gap, endedAt] = [length, end];
    return { gap, endedAt };
  }

  stop(since: number): { gap: number; endedAt: number } {
    this.running = false;
    return this.largest(since);
  }
}

/** Chromium's long tasks (≥ 50 ms) while watching. */
class LongTasks {
  readonly supported = PerformanceObserver.supportedEntryTypes.includes('longtask');
  private entries: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()));

  start(): void {
    this.entries = [];
    if (this.supported) this.observer.observe({ type: 'longtask' });
  }

  /** Durations of the long tasks that ran on or after `since`. */
  stop(since: number): number[] {
    if (!this.supported) return [];
    this.entries.push(...this.observer.takeRecords());
    this.observer.disconnect();
    return this.entries.filter((e) => e.startTime + e.duration >= since).map((e) => e.duration);
  }
}

export interface Interaction {
  /** Probe pass: largest gap between two turns of the event loop from the action on, ms. */
  longestBlock: number | null;
  /** Probe pass: when that gap ended, ms after the action. */
  longestBlockEnd: number | null;
  /** Probe pass: durations of Chromium's long tasks from the action on, ms. */
  longTasks: number[] | null;
  /** Quiet pass: the main thread's tasks from the action to `tailMs` after the last redraw, traced (null without DevTools). */
  trace: MainThread | null;
  /** From the action to the last widget's redraw, ms. */
  toLast: number;
  /** From the action to each widget's redraw, ms. */
  perWidget: number[];
  /** usedJSHeapSize after a full GC before the action, bytes. */
  heapBefore: number;
  /** At the last redraw, before any GC we ask for (what the interaction allocated, less what minor GCs freed). */
  heapAtRedraw: number;
  /** After a full GC once redrawn (what stays). */
  heapAfter: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const loop = new LoopProbe();
const longTasks = new LongTasks();

export const longTasksSupported = (): boolean => longTasks.supported;

/** What bench/main-thread.mjs traced: top-level tasks of the page's main thread, with their CPU time. */
export interface MainThread {
  tasks: number;
  /** CPU time of all the tasks, ms. */
  cpuMs: number;
  longest: { wallMs: number; cpuMs: number };
  /** Tasks of 50 ms or more, wall-clock or CPU. */
  long: { wallMs: number; cpuMs: number }[];
}

declare global {
  interface Window {
    /** Given by bench/browser.mjs (`mainThread: true`). */
    __mainThreadStart?: () => Promise<void>;
    __mainThreadStop?: () => Promise<MainThread>;
  }
}

const tracing = (): boolean => window.__mainThreadStart !== undefined && window.__mainThreadStop !== undefined;

/** Runs `fn` under a DevTools trace of the main thread (no trace without DevTools). */
export async function traced<T>(fn: () => Promise<T>): Promise<{ value: T; trace: MainThread | null }> {
  if (!tracing()) return { value: await fn(), trace: null };
  await window.__mainThreadStart!();
  const value = await fn();
  return { value, trace: await window.__mainThreadStop!() };
}

/**
 * Waits until the main thread is idle (work a load left behind, such as a cache's
 * background write, would otherwise land in the first measured click): until it used
 * under 5 % CPU over half a second, or, without DevTools' CPU time, until no task held
 * it over 50 ms for a second. Gives up after `maxMs`; answers how long it waited, and the
 * CPU time the thread used meanwhile (traced only).
 */
export async function quiet(maxMs = 60_000): Promise<{ ms: number; cpuMs: number | null }> {
  const t0 = performance.now();
  if (tracing()) {
    let cpuMs = 0;
    while (performance.now() - t0 < maxMs) {
      await window.__mainThreadStart!();
      await sleep(500);
      const slice = await window.__mainThreadStop!();
      cpuMs += slice.cpuMs;
      if (slice.cpuMs < 25) break;
    }
    return { ms: performance.now() - t0, cpuMs };
  }
  loop.start();
  let since = t0;
  while (performance.now() - t0 < maxMs && performance.now() - since < 1000) {
    await sleep(100);
    if (loop.largest(since).gap > 50) since = performance.now();
  }
  loop.stop(t0);
  return { ms: performance.now() - t0, cpuMs: null };
}

/**
 * The probe's noise floor: its largest gap over `ms` with nothing to do. On a loaded
 * machine the OS parks the page now and then, and the probe cannot tell that from work.
 */
export async function idleGap(ms = 2000): Promise<number> {
  const t0 = performance.now();
  loop.start();
  await sleep(ms);
  return loop.stop(t0).gap;
}

/**
 * Runs `act` in a task of its own, waits for `redrawn` (which resolves with each
 * widget's redraw time) and `tailMs` more, so work trailing the redraw (a deferred
 * render, a cache write) counts too. Two passes, since the probe's ping loop fills
 * every idle moment of the thread: with `probe`, the event-loop gaps and long tasks;
 * without, a DevTools trace of the main thread's tasks with their CPU time.
 */
export async function watch(act: () => void, redrawn: () => Promise<number[]>, probe: boolean, tailMs = 150): Promise<Interaction> {
  collect();
  const heapBefore = heap();
  if (probe) {
    longTasks.start();
    loop.start();
  }
  const tracingOn = !probe && tracing();
  if (tracingOn) await window.__mainThreadStart!();
  await sleep(30);
  const t0 = performance.now();
  act();
  const at = await redrawn();
  const heapAtRedraw = heap();
  await sleep(tailMs);
  const trace = tracingOn ? await window.__mainThreadStop!() : null;
  const gap = probe ? loop.stop(t0) : null;
  const tasks = probe ? longTasks.stop(t0) : null;
  collect();
  return {
    longestBlock: gap && gap.gap,
    longestBlockEnd: gap && gap.endedAt - t0,
    longTasks: tasks,
    trace,
    toLast: Math.max(...at) - t0,
    perWidget: at.map((t) => t - t0),
    heapBefore,
    heapAtRedraw,
    heapAfter: heap(),
  };
}
