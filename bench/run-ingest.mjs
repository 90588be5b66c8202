// The ingest bench (bench/ingest.html) in headless Chromium: prints the tables of
// bench/RESULTS.md's "Columnar ingest" section and keeps the raw results, with the
// machine's load average at the start and the end, in bench/out/ingest.json.
//   node bench/run-ingest.mjs [--sizes=1000000,5000000] [--runs=3] [--bigRuns=1] [--beforeMax=5000000]
//   [--only=pulso-arrow,duckdb-arrow] [--tables=customers,tickets]
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { runPage } from './browser.mjs';

const query = process.argv
  .slice(2)
  .filter((a) => a.startsWith('--') && a.includes('='))
  .map((a) => a.slice(2))
  .join('&');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const started = { at: new Date().toISOString(), load: load() };
const { version, extra } = await runPage('bench/ingest.html', { query, read: 'window.__ingest' });
const result = { version, started, ended: { at: new Date().toISOString(), load: load() }, sizes: extra };
await mkdir(new URL('./out/', import.meta.url), { recursive: true });
await writeFile(new URL('./out/ingest.json', import.meta.url), JSON.stringify(result, null, 1));

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const med = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`);
console.log(`${version}; load average (1, 5, 15 min) at start ${started.load}, at end ${result.ended.load}\n`);
console.log('| events | format (MB) | Pulso: decode/parse + validate | DuckDB-WASM insert | Pulso / DuckDB | before: row-by-row validation (CSV: string columns) | before / now |');
console.log('|---|---|--:|--:|--:|--:|--:|');
for (const s of extra) {
  for (const f of ['arrow', 'json', 'csv']) {
    if (!s.ms[`pulso-${f}`]) continue;
    const p = med(s.ms[`pulso-${f}`]);
    const duck = s.ms[`duckdb-${f}`];
    const d = duck ? med(duck) : undefined;
    const before = s.ms[`pulso-${f}-rowpath`] ?? s.ms[`pulso-${f}-strings`];
    const b = before ? med(before) : undefined;
    console.log(
      `| ${label(s.n)} | ${f} (${(s.bytes[f] / 1e6).toFixed(0)}) | ${fmt(p)} | ${d ? fmt(d) : '—'} | ${d ? `${(p / d).toFixed(2)}×` : '—'} | ${b ? fmt(b) : '—'} | ${b ? `${(b / p).toFixed(1)}×` : '—'} |`,
    );
  }
}
console.log('\n| events | table | ' + Object.keys(Object.values(extra[0].perTable)[0]).join(' | ') + ' |');
for (const s of extra) for (const [t, v] of Object.entries(s.perTable)) console.log(`| ${label(s.n)} | ${t} | ${Object.values(v).map(fmt).join(' | ')} |`);
console.log('\n| events | path | JS heap peak above start (per M events) | kept after GC: four tables + frames (per M events) |');
console.log('|---|---|--:|--:|');
for (const s of extra) {
  for (const [k, h] of Object.entries(s.heap)) {
    const m = s.n / 1e6;
    console.log(`| ${label(s.n)} | ${k} | ${(h.peak / 1e6).toFixed(0)} MB (${(h.peak / 1e6 / m).toFixed(0)} MB) | ${(h.resident / 1e6).toFixed(0)} MB (${(h.resident / 1e6 / m).toFixed(0)} MB) |`);
  }
}
