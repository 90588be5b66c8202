// Cross-filtering on a dashboard of the demo's widgets (bench/dataplane.ts, part
// "cross"): draw everything over N events, then for each kind of filter click the
// way a user does (a click event on a mark; the segment through the dashboard's
// properties), and watch the main thread until every widget has redrawn; then clear
// the filter with its chip's button, watched the same way.
import '../components/index.js';
import type { PulsoDashboard } from '../components/dashboard/pulso-dashboard.js';
import { countingAdapter, benchTables, mix } from './dataplane-data.js';
import type { Counts } from './dataplane-data.js';
import { idleGap, quiet, traced, watch } from './dataplane-probe.js';
import type { Interaction, MainThread } from './dataplane-probe.js';
import { allSettled, fingerprint, name, resultOf, showsError } from './dataplane-settle.js';
import type { Widget } from './dataplane-settle.js';
import { FUNNEL_STEPS } from './generate.js';
import { click, dashboard } from './dataplane-dashboard.js';
export { AS_OF, FROM, TO } from './dataplane-dashboard.js';
import type { MixSizes } from './generate.js';
import { collect, heap } from './measure.js';


/** How each kind of cross-filter is made, and how it is cleared. */
interface Kind {
  kind: string;
  what: string;
  act: (dash: PulsoDashboard) => void;
  chip: 'cross' | 'segment';
}

export interface KindResult {
  kind: string;
  what: string;
  /** Watched with the event-loop probe and the long-task observer. */
  clicks: Interaction[];
  clears: Interaction[];
  /** Watched without the probe: main-thread CPU, time to the last redraw, heap. */
  quietClicks: Interaction[];
  quietClears: Interaction[];
  /** Widgets whose content differs after the first click. */
  changed: string[];
  /** Widgets that computed a new result on the first click (whatever they then showed). */
  recomputed: string[];
}

export interface CrossResult {
  n: number;
  sizes: MixSizes;
  widgets: string[];
  /** Setting the adapter → every widget drawn, ms. */
  firstDrawMs: number;
  /** The main thread's tasks meanwhile (null without DevTools). */
  firstDraw: MainThread | null;
  /** usedJSHeapSize after GC: with the raw tables built, and once everything is drawn. */
  heapData: number;
  heapDrawn: number;
  /** Loads the dashboard asked of the adapter, per table, to draw everything. */
  loads: Counts;
  /** How long the main thread stayed busy after the first draw (work the loads left behind), and its CPU time, ms. */
  busyAfterDraw: { ms: number; cpuMs: number | null };
  /** The probe's largest gap over 2 s of doing nothing (the machine's noise), ms. */
  idleGap: number;
  kinds: KindResult[];
}

const KINDS: Kind[] = [
  { kind: 'channel', what: 'the `chat` bar of `<pulso-channel-csat>`', chip: 'cross',
    act: (d) => click(d, '#csat', 'rect[data-mark][data-channel="chat"]') },
  { kind: 'cohort', what: 'the first cohort (2025-01) cell of the heatmap, offset 0', chip: 'cross',
    act: (d) => click(d, '#churn', 'rect[data-mark][data-row="0"][data-col="0"]') },
  { kind: 'step', what: `the funnel's second step (${FUNNEL_STEPS[1]})`, chip: 'cross',
    act: (d) => click(d, '#onboarding', 'rect[data-mark][data-col="1"]') },
  { kind: 'segment', what: 'plan = Ouro (`segment-by="plan"` set once, then the `segment` property)', chip: 'segment',
    act: (d) => void (d.segment = 'Ouro') },
];

/** Clears a filter with its chip's remove button (the property, if the bar has no such chip). */
function clear(dash: PulsoDashboard, chip: Kind['chip']): void {
  const button = dash.shadowRoot?.querySelector<HTMLButtonElement>(`[data-chip=${chip}] button`);
  if (button) button.click();
  else if (chip === 'cross') dash.cross = undefined;
  else dash.segment = undefined;
}

const active = (dash: PulsoDashboard, chip: Kind['chip']) => (chip === 'cross' ? dash.cross !== undefined : dash.segment !== undefined);

/** What the widgets showed when they last settled, to catch a `settled` that resolves too early. */
let shownWhenSettled: string[] = [];

async function redraw(dash: PulsoDashboard, widgets: Widget[]): Promise<number[]> {
  // The dashboard hands the filters to the widgets in its own update.
  await dash.updateComplete;
  const at = await allSettled(widgets);
  shownWhenSettled = widgets.map(fingerprint);
  return at;
}

/** Fails when a widget changed after `settled` said it was done (then `settled` must be adjusted). */
function checkSettled(widgets: Widget[], what: string): void {
  const late = widgets.filter((w, i) => fingerprint(w) !== shownWhenSettled[i]).map(name);
  if (late.length) throw new Error(`${what}: ${late.join(', ')} redrew after settled() resolved; adjust settled() in bench/dataplane-settle.ts`);
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function firstDraw(dash: PulsoDashboard, widgets: Widget[], adapter: ReturnType<typeof countingAdapter>): Promise<number> {
  const t0 = performance.now();
  dash.adapter = adapter;
  await redraw(dash, widgets);
  const ms = performance.now() - t0;
  // Widgets lay out again once their width is observed (on an animation frame).
  await frame();
  await frame();
  await allSettled(widgets);
  const broken = widgets.filter((w) => showsError(w) || !w.shadowRoot?.querySelector('svg'));
  if (broken.length) throw new Error(`not drawn: ${broken.map(name).join(', ')}`);
  return ms;
}

/** One click and its clear, watched with the probe or quietly; checks each did what it should. */
async function clickAndClear(dash: PulsoDashboard, widgets: Widget[], k: Kind, probe: boolean, out: KindResult): Promise<void> {
  const shown = widgets.map(fingerprint);
  const results = widgets.map(resultOf);
  const click = await watch(() => k.act(dash), () => redraw(dash, widgets), probe);
  checkSettled(widgets, `${k.kind} click`);
  if (!active(dash, k.chip)) throw new Error(`${k.kind}: the click set no filter`);
  if (out.clicks.length === 0) {
    out.changed = widgets.filter((w, i) => fingerprint(w) !== shown[i]).map(name);
    out.recomputed = widgets.filter((w, i) => resultOf(w) !== undefined && resultOf(w) !== results[i]).map(name);
  }
  const cleared = await watch(() => clear(dash, k.chip), () => redraw(dash, widgets), probe);
  checkSettled(widgets, `${k.kind} clear`);
  if (active(dash, k.chip)) throw new Error(`${k.kind}: the chip did not clear the filter`);
  const back = widgets.filter((w, i) => fingerprint(w) !== shown[i]).map(name);
  if (back.length) throw new Error(`${k.kind}: cleared, but ${back.join(', ')} show something else than before`);
  (probe ? out.clicks : out.quietClicks).push(click);
  (probe ? out.clears : out.quietClears).push(cleared);
}

/** `clicks` rounds of: a click and clear under the probe, then one watched quietly (interleaved, so load drifts hit both). */
async function measureKind(dash: PulsoDashboard, widgets: Widget[], k: Kind, clicks: number): Promise<KindResult> {
  const out: KindResult = { kind: k.kind, what: k.what, clicks: [], clears: [], quietClicks: [], quietClears: [], changed: [], recomputed: [] };
  for (let r = 0; r < clicks; r++) {
    await clickAndClear(dash, widgets, k, true, out);
    await clickAndClear(dash, widgets, k, false, out);
  }
  return out;
}

export async function crossFilter(n: number, clicks: number, log: (s: string) => void): Promise<CrossResult> {
  const tables = benchTables(n);
  const adapter = countingAdapter(tables, `bench-${n}`);
  collect();
  const heapData = heap();
  const dash = dashboard();
  document.body.append(dash);
  await dash.updateComplete;
  const widgets = [...dash.querySelectorAll<Widget>('*')].filter((e) => e.localName.startsWith('pulso-'));
  const { value: firstDrawMs, trace: firstDrawTrace } = await traced(() => firstDraw(dash, widgets, adapter));
  const loads = { ...adapter.counts };
  log(`${n} events: ${widgets.length} widgets drawn in ${firstDrawMs.toFixed(0)} ms; loads ${JSON.stringify(loads)}`);
  dash.segmentBy = 'plan';
  await redraw(dash, widgets);
  const waited = await quiet();
  const idle = await idleGap();
  log(`  main thread quiet after ${waited.ms.toFixed(0)} ms more (${waited.cpuMs?.toFixed(0)} ms CPU); the probe's largest gap idle: ${idle.toFixed(0)} ms`);
  collect();
  const heapDrawn = heap();
  const kinds: KindResult[] = [];
  for (const k of KINDS) {
    const r = await measureKind(dash, widgets, k, clicks);
    const gaps = r.clicks.map((c) => c.longestBlock?.toFixed(0)).join(', ');
    const cpu = r.quietClicks.map((c) => c.trace?.longest.cpuMs.toFixed(0)).join(', ');
    log(`  ${k.kind}: longest block ${gaps} ms; longest task's CPU ${cpu} ms; changed ${r.changed.length}/${widgets.length}, recomputed ${r.recomputed.length}`);
    kinds.push(r);
  }
  dash.remove();
  return { n, sizes: mix(n), widgets: widgets.map(name), firstDrawMs, firstDraw: firstDrawTrace, heapData, heapDrawn, loads, busyAfterDraw: waited, idleGap: idle, kinds };
}
