// Bench page (bench/run-wire.mjs): the demo dashboard (demo/index.html's widgets) over
// pulso-serve at /api, drawn from aggregates (JsonAdapter pushDown: the server computes
// every query) or from rows (the tables loaded as JSON pages, or as Arrow, and computed
// here). Reports the time from handing the dashboard its adapter to every widget drawn,
// the API's body bytes and requests, and the JS heap after drawing, in `window.__wire`.
//   ?mode=aggregates|rows|arrow&from=YYYY-MM-DD&to=YYYY-MM-DD
import { html, render } from 'lit';
import '../components/index.js';
import type { PulsoDashboard } from '../components/dashboard/pulso-dashboard.js';
import { JsonAdapter } from '../src/adapters/json.js';

type Mode = 'aggregates' | 'rows' | 'arrow';
interface WireResult {
  mode: Mode;
  drawMs: number;
  /** From navigation start (module loading included). */
  drawFromNavigationMs: number;
  bodyBytes: number;
  requests: number;
  /** Requests by route: `aggregate`, `activity`, … */
  byRoute: Record<string, number>;
  heapMB: number | null;
}

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    __wire?: WireResult;
  }
}

const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'aggregates') as Mode;
const from = params.get('from')!;
const to = params.get('to')!;

/** Resource entries of the API, whenever they finish (an observer, so the page's own module loads cannot crowd them out of the buffer). */
const api: PerformanceResourceTiming[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries() as PerformanceResourceTiming[]) if (new URL(e.name).pathname.startsWith('/api/')) api.push(e);
}).observe({ type: 'resource', buffered: true });

const WIDGETS = ['kpi-churn', 'kpi-nps', 'kpi-csat', 'kpi-fcr', 'kpi-response', 'kpi-ces', 'churn', 'nps', 'csat', 'onboarding', 'features'];

function dashboard(adapter: JsonAdapter) {
  return html`
    <pulso-dashboard id="dashboard" locale="en" .adapter=${adapter} from=${from} to=${to} segment-options="plan,region,age_band,user_type">
      <pulso-kpi id="kpi-churn" metric="churnRate" as-of=${to}></pulso-kpi>
      <pulso-kpi id="kpi-nps" metric="nps" as-of=${to}></pulso-kpi>
      <pulso-kpi id="kpi-csat" metric="csat" as-of=${to}></pulso-kpi>
      <pulso-kpi id="kpi-fcr" metric="fcr" as-of=${to}></pulso-kpi>
      <pulso-kpi id="kpi-response" metric="firstResponseMedian" as-of=${to}></pulso-kpi>
      <pulso-kpi id="kpi-ces" metric="ces" as-of=${to}></pulso-kpi>
      <pulso-cohort-churn id="churn" min-cell-size="11" as-of=${to}></pulso-cohort-churn>
      <pulso-nps-trend id="nps" target="30"></pulso-nps-trend>
      <pulso-channel-csat id="csat" tickets="fcr,first-response"></pulso-channel-csat>
      <pulso-adoption-funnel id="onboarding" steps="signup,first_login,profile_completed,booked_appointment,teleconsult" window="P30D"></pulso-adoption-funnel>
      <pulso-adoption-funnel id="features" mode="features" features="teleconsult,lab_results,prescription_renewal,chat_with_nurse"></pulso-adoption-funnel>
    </pulso-dashboard>`;
}

const isDrawn = (id: string): boolean => Boolean(document.getElementById(id)?.shadowRoot?.querySelector('svg.pulso-chart, .kpi-value'));
const frame = () => new Promise((ok) => requestAnimationFrame(ok));

/** Every widget drawn (checked each frame), or a clear error naming the ones that never were. */
async function allDrawn(timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!WIDGETS.every(isDrawn)) {
    if (performance.now() > until) throw new Error(`not drawn after ${timeoutMs / 1000} s: ${WIDGETS.filter((id) => !isDrawn(id)).join(', ')}`);
    await frame();
  }
}

async function main(): Promise<void> {
  const adapter = new JsonAdapter({ base: '/api', pushDown: mode === 'aggregates', arrow: mode === 'arrow', timeoutMs: 600_000 });
  const t0 = performance.now();
  render(dashboard(adapter), document.body);
  await allDrawn(600_000);
  const t1 = performance.now();
  (document.getElementById('dashboard') as PulsoDashboard | null)?.toggleAttribute('data-drawn', true);
  // Late requests (the segment list) still count as what the page received.
  await new Promise((ok) => setTimeout(ok, 1500));
  const byRoute: Record<string, number> = {};
  for (const e of api) {
    const route = new URL(e.name).pathname.slice('/api/'.length);
    byRoute[route] = (byRoute[route] ?? 0) + 1;
  }
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  window.__wire = {
    mode,
    drawMs: t1 - t0,
    drawFromNavigationMs: t1,
    bodyBytes: api.reduce((n, e) => n + e.encodedBodySize, 0),
    requests: api.length,
    byRoute,
    heapMB: memory ? memory.usedJSHeapSize / 1e6 : null,
  };
  window.__bench = { done: true, lines: [] };
}

main().catch((error: unknown) => (window.__bench = { error: error instanceof Error ? error.message : String(error) }));
