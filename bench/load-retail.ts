// Loading and normalizing the real Online Retail file in Chromium: fetch .gz →
// gunzip (DecompressionStream) → CSV parse → validate. Run: node bench/run-browser.mjs bench/load-retail.html
import { CsvAdapter } from '../src/adapters/csv.js';
import { loadTables } from '../src/data/load.js';

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

// data/ is inside the root bench/browser.mjs serves, so the file has an ordinary address.
const url = new URL('../data/online_retail_events.csv.gz', import.meta.url).href;
const runs = Number(new URLSearchParams(location.search).get('runs') ?? 5);
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;

async function once() {
  window.gc?.();
  const before = performance.memory?.usedJSHeapSize ?? 0;
  let peak = before;
  const sample = () => (peak = Math.max(peak, performance.memory?.usedJSHeapSize ?? 0));
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  const adapter = new CsvAdapter({ url, table: 'activity', fields: { at: 'invoice_date', event: { value: 'purchase' } } });
  const parsed = await adapter.load({ table: 'activity' });
  sample();
  const t1 = performance.now();
  const { tables, report } = await loadTables({ id: 'parsed', load: async () => parsed }, ['activity']);
  sample();
  const t2 = performance.now();
  clearInterval(timer);
  window.gc?.();
  const retained = (performance.memory?.usedJSHeapSize ?? 0) - before;
  return { fetchParse: t1 - t0, validate: t2 - t1, total: t2 - t0, rows: report.accepted + report.rejected, peak: peak - before, retained, keep: tables };
}

async function main() {
  const results: Awaited<ReturnType<typeof once>>[] = [];
  for (let r = 0; r < runs; r++) results.push(await once());
  const median = (k: 'fetchParse' | 'validate' | 'total') => results.map((x) => x[k]).sort((a, b) => a - b)[runs >> 1].toFixed(0) + ' ms';
  const peak = Math.max(...results.map((x) => x.peak));
  window.__bench = {
    done: true,
    lines: [
      `${results[0].rows} rows, median of ${runs}: fetch+gunzip+parse ${median('fetchParse')}, validate+normalize ${median('validate')}, total ${median('total')}`,
      `JS heap: peak above baseline ${mb(peak)} (sampled every 5 ms), last run's tables retained ${mb(results[runs - 1].retained)}`,
    ],
  };
}
main().catch((e) => (window.__bench = { error: String(e?.stack ?? e) }));
