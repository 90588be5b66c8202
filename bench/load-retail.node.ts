// Loading and normalizing the real Online Retail file (541,909 rows) in Node:
// gunzip → CsvAdapter parse → validate. npx tsx bench/load-retail.node.ts
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CsvAdapter } from '../src/adapters/csv.js';
import { loadTables } from '../src/data/load.js';

const file = new URL('../data/online_retail_events.csv.gz', import.meta.url);
const runs = Number(process.argv[2] ?? 5);
const times: { gunzip: number; parse: number; validate: number; total: number }[] = [];
let rows = 0;
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const t1 = performance.now();
  const adapter = new CsvAdapter({ text, table: 'activity', fields: { at: 'invoice_date', event: { value: 'purchase' } } });
  const parsed = await adapter.load({ table: 'activity' });
  const t2 = performance.now();
  const { report } = await loadTables({ id: 'parsed', load: async () => parsed }, ['activity']);
  const t3 = performance.now();
  rows = report.accepted + report.rejected;
  times.push({ gunzip: t1 - t0, parse: t2 - t1, validate: t3 - t2, total: t3 - t0 });
}
const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
const fmt = (k: keyof (typeof times)[0]) => `${median(times.map((t) => t[k])).toFixed(0)} ms`;
console.log(`Node ${process.version}, ${rows} rows, median of ${runs}:`);
console.log(`  gunzip ${fmt('gunzip')}, parse ${fmt('parse')}, validate+normalize ${fmt('validate')}, total ${fmt('total')}`);
console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
