// The worker bench page (bench/run-worker.mjs): the demo's dashboard (bench/dataplane-cross.ts)
// from dist/pulso.js — the file a portal loads, which starts itself as Pulso's worker — over an
// ArrowAdapter of N events' Arrow IPC bytes. Query: `n=1000000&mode=worker|main&clicks=3[&start=together]`.
// Measures the main thread from setting the adapter (`start=together`: from the dashboard joining
// the page with it) to every widget drawn (cold), and across
// cross-filter clicks (the `chat` bar of the CSAT chart, then its chip cleared): the Long Tasks
// API's entries, a frame-gap monitor (the largest gap between two animation frames), and the
// DevTools trace of every main-thread task (bench/main-thread.mjs). Sets `window.__worker`.
import { toArrowIPC } from 'arquero';
import { benchTables } from './dataplane-data.js';
import { dashboard, click } from './dataplane-dashboard.js';
import { traced } from './dataplane-probe.js';
import type { MainThread } from './dataplane-probe.js';
import { allSettled, showsError, name } from './dataplane-settle.js';
import type { Widget } from './dataplane-settle.js';

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    __worker?: unknown;
    /** True while a load or click is watched: the harness's key presses (`--inputs`) go in then. */
    __benchLoading?: boolean;
  }
}

/** The subset of dist/pulso.js the page uses. */
interface Pulso {
  configureCache(config: { worker?: 'auto' | 'off' }): void;
  ArrowAdapter: new (options: { id: string; tables: Record<string, Uint8Array> }) => object;
}

const q = new URLSearchParams(location.search);
const n = Number(q.get('n') ?? 100_000);
const mode = q.get('mode') === 'main' ? 'main' : 'worker';
const clicks = Number(q.get('clicks') ?? 3);
// `start=together`: the dashboard joins the page with its adapter set, timed from there (a page
// that has its data at once); else it joins first and the adapter is set 0.5 s later, timed from that.
const together = q.get('start') === 'together';
const lines: string[] = [];
const log = (s: string): void => void (console.log(s), lines.push(s));
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Long tasks (Long Tasks API) and the largest gap between animation frames while watching. */
class Watch {
  private readonly tasks: PerformanceEntry[] = [];
  private readonly observer = new PerformanceObserver((l) => this.tasks.push(...l.getEntries()));
  private readonly t0 = performance.now();
  private gap = 0;
  private gapAt = 0;
  private running = true;

  /** Key presses the harness sent while watching (`--inputs`): how long each waited for the main thread. */
  private readonly inputDelays: number[] = [];
  private readonly onKey = (e: KeyboardEvent): void => void this.inputDelays.push(performance.now() - e.timeStamp);
  /** Event Timing entries (16 ms or more, input to the next paint) of those presses. */
  private readonly events: PerformanceEventTiming[] = [];
  private readonly eventObserver = new PerformanceObserver((l) => this.events.push(...(l.getEntries() as PerformanceEventTiming[])));

  constructor() {
    this.observer.observe({ type: 'longtask' });
    document.addEventListener('keydown', this.onKey);
    this.eventObserver.observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
    window.__benchLoading = true;
    let last = performance.now();
    const tick = (now: number): void => {
      if (now - last > this.gap) [this.gap, this.gapAt] = [now - last, last - this.t0];
      last = now;
      if (this.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  /** `longTaskAt`: when each long task began, `frameGapAt`: the largest gap, ms from the watch's start. */
  stop(): { longTasks: number[]; longTaskAt: number[]; frameGap: number; frameGapAt: number; inputDelays: number[]; inputToPaint: number[] } {
    this.running = false;
    window.__benchLoading = false;
    this.tasks.push(...this.observer.takeRecords());
    this.observer.disconnect();
    document.removeEventListener('keydown', this.onKey);
    this.events.push(...(this.eventObserver.takeRecords() as PerformanceEventTiming[]));
    this.eventObserver.disconnect();
    return {
      inputDelays: this.inputDelays.map((ms) => Math.round(ms)),
      inputToPaint: this.events.filter((e) => e.name === 'keydown' && e.startTime >= this.t0).map((e) => Math.round(e.duration)),
      longTasks: this.tasks.map((e) => Math.round(e.duration)),
      longTaskAt: this.tasks.map((e) => Math.round(e.startTime - this.t0)),
      frameGap: Math.round(this.gap),
      frameGapAt: Math.round(this.gapAt),
    };
  }
}

/**
 * Every Lit update of the widgets and the dashboard (willUpdate, render and the commit to the
 * DOM; not the style and layout of the frame after), untraced: which render a long task held.
 */
const renders: { name: string; at: number; ms: number }[] = [];
function recordRenders(elements: Element[]): void {
  for (const el of elements) {
    const lit = el as unknown as { performUpdate: () => void };
    const own = lit.performUpdate.bind(lit);
    lit.performUpdate = () => {
      const t0 = performance.now();
      own();
      renders.push({ name: el.id || el.localName, at: t0, ms: performance.now() - t0 });
    };
  }
}

interface Watched {
  ms: number;
  /** The Lit updates of 4 ms or more while watching: `name@ms-from-start:ms`. */
  renders: string[];
  longTasks: number[];
  longTaskAt: number[];
  frameGap: number;
  frameGapAt: number;
  inputDelays: number[];
  inputToPaint: number[];
  trace: MainThread | null;
}

async function watched(act: () => Promise<void>): Promise<Watched> {
  const watch = new Watch();
  const t0 = performance.now();
  renders.length = 0;
  const { trace } = await traced(async () => {
    await act();
  });
  const ms = performance.now() - t0;
  performance.mark('bench:done');
  const long = renders.filter((r) => r.ms >= 4).map((r) => `${r.name}@${Math.round(r.at - t0)}:${r.ms.toFixed(1)}`);
  return { ms, renders: long, ...watch.stop(), trace };
}

/**
 * `warm=…`: before the measured load, a small dashboard (3,000 events) is drawn and removed, so
 * the load finds what a page pays once already paid (code compiled, templates made, words and
 * formats loaded, Pulso's worker started): `all` (every widget, computed in the worker), `main`
 * (every widget, computed on the main thread: the worker stays cold), `heatmap` (the cohort
 * heatmap alone, main thread), `words` (no data: the words load and the skeletons draw),
 * `tiny<N>` (as `main` on N events, default 100: how little data warms a page up).
 */
async function warmFirst(pulso: Pulso): Promise<void> {
  const how = q.get('warm');
  if (!how) return;
  const small = dashboard();
  if (how !== 'all') small.setAttribute('worker', 'off');
  const tinyN = how.startsWith('tiny') ? Number(how.slice(4) || 100) : 3000;
  if (how === 'heatmap') for (const e of [...small.querySelectorAll('*')]) if (e.localName.startsWith('pulso-') && e.id !== 'churn') e.remove();
  const ws = [...small.querySelectorAll<Widget>('*')].filter((e) => e.localName.startsWith('pulso-'));
  if (how !== 'words') (small as unknown as { adapter: object }).adapter = new pulso.ArrowAdapter({ id: 'warm', tables: arrowBytes(tinyN) });
  document.body.append(small);
  await small.updateComplete;
  if (how === 'words') await new Promise((r) => setTimeout(r, 1000));
  else await allSettled(ws);
  await frame();
  small.remove();
}

/** N events' tables as Arrow IPC stream bytes. */
function arrowBytes(n: number): Record<string, Uint8Array> {
  return Object.fromEntries(Object.entries(benchTables(n)).map(([k, t]) => [k, toArrowIPC(t, { format: 'stream' }) as Uint8Array]));
}

async function main(): Promise<void> {
  // `bundle=/bench/out/…/pulso.js`: another build (e.g. the branch point's) to compare in the same run.
  const bundle = q.get('bundle') ?? '/dist/pulso.js';
  const pulso = (await import(/* @vite-ignore */ bundle)) as Pulso;
  // A page meant to compute in the worker must not measure the fallback by mistake.
  const problems: string[] = [];
  document.addEventListener('pulso-worker-problem', (e) => problems.push((e as CustomEvent<{ message: string }>).detail.message));
  pulso.configureCache({ worker: mode === 'worker' ? 'auto' : 'off' });
  // The page keeps only the bytes, as a host would: the generated rows are garbage before anything is measured.
  const tables = arrowBytes(n);
  window.gc?.();
  const bytes = Object.values(tables).reduce((a, b) => a + b.byteLength, 0);
  const dash = dashboard();
  const widgets = [...dash.querySelectorAll<Widget>('*')].filter((e) => e.localName.startsWith('pulso-'));
  recordRenders([dash, ...widgets]);
  if (!together) {
    document.body.append(dash);
    await dash.updateComplete;
  }
  await warmFirst(pulso);
  // Out of the task that generated the data, which the Long Tasks API would report as the load's.
  await new Promise((r) => setTimeout(r, 500));
  const adapter = new pulso.ArrowAdapter({ id: `bench-${n}`, tables });
  const first = await watched(async () => {
    performance.mark('bench:adapter');
    // bench/thread-cpu.mjs reads every thread's CPU here and once all is drawn.
    await (window as { __benchAdapterSet?: () => Promise<void> }).__benchAdapterSet?.();
    (dash as unknown as { adapter: object }).adapter = adapter;
    if (together) document.body.append(dash);
    await dash.updateComplete;
    await allSettled(widgets);
  });
  await (window as { __benchDrawn?: () => Promise<void> }).__benchDrawn?.();
  await frame();
  await frame();
  await allSettled(widgets);
  const broken = widgets.filter((w) => showsError(w) || !w.shadowRoot?.querySelector('svg'));
  if (broken.length) throw new Error(`not drawn: ${broken.map(name).join(', ')}`);
  if (problems.length) throw new Error(`the worker could not be used: ${problems.join('; ')}`);
  log(`${mode} ${n}: drawn in ${first.ms.toFixed(0)} ms; long tasks ${JSON.stringify(first.longTasks)}; frame gap ${first.frameGap} ms; longest task ${first.trace?.longest.wallMs.toFixed(0)} ms wall, ${first.trace?.longest.cpuMs.toFixed(0)} ms CPU`);
  await new Promise((r) => setTimeout(r, 1000));
  window.gc?.();
  const rounds: Watched[] = [];
  for (let i = 0; i < clicks; i++) {
    for (const act of [() => click(dash, '#csat', 'rect[data-mark][data-channel="chat"]'), () => (dash as unknown as { cross?: unknown }).cross = undefined]) {
      const w = await watched(async () => {
        act();
        await dash.updateComplete;
        await allSettled(widgets);
      });
      rounds.push(w);
      log(`  ${rounds.length % 2 ? 'click' : 'clear'}: redrawn in ${w.ms.toFixed(0)} ms; long tasks ${JSON.stringify(w.longTasks)}; frame gap ${w.frameGap} ms; longest task ${w.trace?.longest.wallMs.toFixed(0)} ms wall, ${w.trace?.longest.cpuMs.toFixed(0)} ms CPU`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  window.__worker = { n, mode, bundle, start: together ? 'together' : 'later', bytes, widgets: widgets.length, first, rounds };
  window.__bench = { done: true, lines };
}
main().catch((e: unknown) => (window.__bench = { error: String((e as Error)?.stack ?? e) }));
