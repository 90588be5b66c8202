// What the sources are asked (bench/dataplane.ts): 50 standalone widgets naming one
// registered source, counted per table (a counting MemoryAdapter, then a JsonAdapter
// over a counted in-page fetch; part "loads"); and a widget with a misspelt `period`,
// counted and timed until its error shows (part "options").
import '../components/index.js';
import { registerAdapter, unregisterAdapter } from '../src/adapters/registry.js';
import { countingAdapter, countingJsonAdapter, benchTables, mix } from './dataplane-data.js';
import type { Counting, Counts, RawTables } from './dataplane-data.js';
import { AS_OF, FROM, TO } from './dataplane-cross.js';
import { allSettled, errorText, showsError } from './dataplane-settle.js';
import type { Widget } from './dataplane-settle.js';
import { FEATURES, FUNNEL_STEPS } from './generate.js';
import type { MixSizes } from './generate.js';

const KPI_METRICS = ['churnRate', 'nps', 'csat', 'ces', 'fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume', 'activation', 'adoption'];

export interface SharedLoads {
  adapter: string;
  widgets: number;
  /** Loads (memory) or GET requests (JSON) per table once every widget has drawn. */
  counts: Counts;
  total: number;
  /** Appending the widgets → every one drawn, ms. */
  drawnMs: number;
}

export interface OptionError {
  widget: string;
  /** Loads asked of the source by the time the error showed. */
  counts: Counts;
  total: number;
  /** Appending the widget → its error state, ms. */
  ms: number;
  shown: boolean;
  message: string;
}

export interface LoadsResult {
  n: number;
  sizes: MixSizes;
  shared: SharedLoads[];
}

export interface OptionsResult {
  n: number;
  sizes: MixSizes;
  options: OptionError[];
}

function make(tag: string, attrs: Record<string, string>): Widget {
  const e = document.createElement(tag) as Widget;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** 10 of each of five kinds: KPI cards of the 10 metrics, NPS, CSAT (half with ticket columns), cohorts, funnels. */
function fifty(source: string): Widget[] {
  const common = { source, locale: 'en', from: FROM, to: TO };
  const out: Widget[] = KPI_METRICS.map((metric) =>
    make('pulso-kpi', { ...common, metric, 'as-of': AS_OF, ...(metric === 'adoption' ? { features: FEATURES.join(',') } : {}) }),
  );
  for (let i = 0; i < 10; i++) {
    out.push(make('pulso-nps-trend', { ...common, rolling: String(1 + (i % 3)) }));
    out.push(make('pulso-channel-csat', { ...common, ...(i % 2 ? { tickets: 'fcr,first-response' } : {}) }));
    out.push(make('pulso-cohort-churn', { ...common, 'as-of': AS_OF }));
    out.push(make('pulso-adoption-funnel', { ...common, steps: FUNNEL_STEPS.join(','), window: 'P30D' }));
  }
  return out;
}

async function sharedLoads(label: string, adapter: Counting): Promise<SharedLoads> {
  const source = `bench-${label}`;
  registerAdapter(source, adapter);
  const widgets = fifty(source);
  const box = document.createElement('div');
  document.body.append(box);
  const t0 = performance.now();
  box.append(...widgets);
  await allSettled(widgets);
  const drawnMs = performance.now() - t0;
  const broken = widgets.filter(showsError);
  if (broken.length) throw new Error(`${label}: ${broken.length} widgets show an error: ${errorText(broken[0])}`);
  const result = { adapter: label, widgets: widgets.length, counts: { ...adapter.counts }, total: adapter.total(), drawnMs };
  box.remove();
  unregisterAdapter(source);
  return result;
}

/** One widget with `period="mnth"` on a fresh counting source: what it loads before saying so. */
async function badPeriod(tag: string, tables: RawTables): Promise<OptionError> {
  const source = `bench-option-${tag}`;
  const adapter = countingAdapter(tables, source);
  registerAdapter(source, adapter);
  const widget = make(tag, { source, locale: 'en', period: 'mnth', 'as-of': AS_OF });
  const t0 = performance.now();
  document.body.append(widget);
  await allSettled([widget], 60_000);
  const ms = performance.now() - t0;
  const result = { widget: tag, counts: { ...adapter.counts }, total: adapter.total(), ms, shown: showsError(widget), message: errorText(widget) };
  widget.remove();
  unregisterAdapter(source);
  return result;
}

export async function loads(n: number, log: (s: string) => void): Promise<LoadsResult> {
  const tables = benchTables(n);
  const shared: SharedLoads[] = [];
  for (const [label, adapter] of [
    ['memory', countingAdapter(tables, 'bench-memory')],
    ['json', countingJsonAdapter(tables, '/bench-api')],
  ] as const) {
    const r = await sharedLoads(label, adapter);
    log(`50 widgets on one ${label} source: ${r.total} loads ${JSON.stringify(r.counts)}, drawn in ${r.drawnMs.toFixed(0)} ms`);
    shared.push(r);
  }
  return { n, sizes: mix(n), shared };
}

export async function optionErrors(n: number, log: (s: string) => void): Promise<OptionsResult> {
  const tables = benchTables(n);
  const options: OptionError[] = [];
  for (const tag of ['pulso-nps-trend', 'pulso-cohort-churn']) {
    const r = await badPeriod(tag, tables);
    log(`${n} events, <${tag} period="mnth">: ${r.total} loads, error ${r.shown ? 'shown' : 'NOT shown'} after ${r.ms.toFixed(0)} ms: ${r.message}`);
    options.push(r);
  }
  return { n, sizes: mix(n), options };
}
