// `npm run bench:wire`: what the demo dashboard costs on the wire and until it is drawn,
// from aggregates (JsonAdapter pushDown, every query computed by pulso-serve) against
// from rows (the tables as JSON pages, or as Arrow, computed in the tab), at each size,
// measured in one run. pulso-serve runs as its own process (`--demo --customers N`, the
// seeded plan in memory); the page (bench/wire.html, headless Chromium, production Lit)
// reaches it through Vite's proxy on its own origin. Writes "## Wire: …" in RESULTS.md.
//   node bench/run-wire.mjs [--events=100000,1000000] [--reps=2] [--dry]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runPage } from './browser.mjs';
import { writeSection } from './report.mjs';

const HEADING = '## Wire: the dashboard from aggregates or from rows, through pulso-serve';
const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('events', '100000,1000000').split(',').map(Number);
const reps = Number(arg('reps', '2'));
const MODES = ['aggregates', 'rows', 'arrow'];
/** The demo plan has about 10.4 activity events per customer. */
const EVENTS_PER_CUSTOMER = 10.4;
// The demo plan spans 2024-11-01 … 2026-11-01: the dashboard shows its last twelve months.
const FROM = '2025-11-01';
const TO = '2026-11-01';

function loadWatch() {
  const read = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  const seen = [read()];
  const timer = setInterval(() => seen.push(read()), 5000);
  return () => {
    clearInterval(timer);
    seen.push(read());
    return { start: seen[0], end: seen.at(-1), min: Math.min(...seen), max: Math.max(...seen) };
  };
}

/** pulso-serve over the demo plan with `customers`; resolves once it listens. */
function startServer(customers) {
  const child = spawn(process.execPath, [resolve(root, 'bin/pulso-serve.mjs'), '--demo', '--customers', String(customers), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const found = /serving \S+ at (http:\/\/\S+)/.exec(out);
      if (found) ok({ url: found[1], stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
    child.on('exit', (code) => fail(new Error(`pulso-serve exited ${code}`)));
  });
}

async function post(url, query) {
  const r = await fetch(`${url}/aggregate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
  return (await r.json()).rows;
}

/** The bytes of every table as JSON pages, and gzipped (what a compressing proxy would send). */
async function rowsGzip(url) {
  let raw = 0;
  let gz = 0;
  for (const table of ['customers', 'activity', 'surveys', 'tickets']) {
    let next = `${url}/${table}`;
    while (next) {
      const body = Buffer.from(await (await fetch(next)).arrayBuffer());
      raw += body.byteLength;
      gz += gzipSync(body).byteLength;
      const parsed = JSON.parse(body.toString('utf8'));
      next = Array.isArray(parsed) || !parsed.next ? null : new URL(parsed.next, next).href;
    }
  }
  return { raw, gz };
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** The median, with the range when runs differ. */
const spread = (xs, format) => (xs.length > 1 ? `${format(median(xs))} (${format(Math.min(...xs))}–${format(Math.max(...xs))})` : format(xs[0]));

const watch = loadWatch();
const results = [];
let browser = '';
for (const target of sizes) {
  const customers = Math.round(target / EVENTS_PER_CUSTOMER);
  const started = performance.now();
  const server = await startServer(customers);
  const startMs = performance.now() - started;
  try {
    const [extent] = await post(server.url, { metric: 'extent', options: { table: 'activity' } });
    const proxy = { '/api': new URL(server.url).origin };
    const runs = Object.fromEntries(MODES.map((m) => [m, []]));
    for (let r = 0; r < reps; r++) {
      // Alternate the order, so neither side always meets a warmer server.
      for (const mode of r % 2 ? [...MODES].reverse() : MODES) {
        const page = await runPage('bench/wire.html', { query: `mode=${mode}&from=${FROM}&to=${TO}`, read: 'window.__wire', production: true, proxy });
        browser = page.version.replace(/^(?:Headless)?Chrome\/(\d+).*/, 'Chromium $1');
        runs[mode].push(page.extra);
        console.log(`${extent.rows} events, ${mode}: drawn in ${page.extra.drawMs.toFixed(0)} ms, ${page.extra.bodyBytes} bytes in ${page.extra.requests} requests`);
      }
    }
    const gzip = await rowsGzip(server.url);
    results.push({ events: extent.rows, customers, startMs, runs, gzip });
  } finally {
    await server.stop();
  }
}
const load = watch();

const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} KB`);
const sec = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const lines = [
  HEADING,
  '',
  `${new Date().toISOString().slice(0, 10)}, ${browser} headless, Node ${process.versions.node}; load average ${load.start.toFixed(1)} at the start, ${load.min.toFixed(1)}–${load.max.toFixed(1)} during the run (2 cores, shared). Median of ${reps} page loads per cell (range in brackets), the modes alternating in order.`,
  '',
  'The demo dashboard (six KPI cards, retention heatmap, NPS trend, channel CSAT, two funnels, the segment list) over `pulso-serve --demo --customers N` (the seeded plan in memory, min cell size 11), reached through Vite\'s proxy on the page\'s origin. *aggregates*: `new JsonAdapter({ base, pushDown: true })`, every query computed by the server; *rows (JSON)*: the four tables loaded as `{ rows, next }` pages of 50,000 and computed in the tab; *rows (Arrow)*: the same tables as one Arrow IPC answer each. *Drawn*: from handing the dashboard its adapter to every widget showing its chart or number (cold tab; module loading not included). *Bytes*: response bodies from the API as the page received them (no compression: pulso-serve does not compress; the gzip column is the rows\' JSON pages gzipped, what a compressing proxy would send). *Heap*: the tab\'s JS heap once drawn.',
  '',
  '| activity events (customers) | path | drawn | bytes from the API | requests | JS heap | this path vs aggregates |',
  '|---|---|---|---|---|---|---|',
];
for (const r of results) {
  const agg = median(r.runs.aggregates.map((x) => x.drawMs));
  const aggBytes = median(r.runs.aggregates.map((x) => x.bodyBytes));
  for (const mode of MODES) {
    const xs = r.runs[mode];
    const draws = xs.map((x) => x.drawMs);
    const draw = median(draws);
    const bytes = median(xs.map((x) => x.bodyBytes));
    const heap = median(xs.map((x) => x.heapMB ?? NaN));
    // Bytes and requests are the same on every load of a path.
    const label = { aggregates: 'aggregates', rows: 'rows (JSON)', arrow: 'rows (Arrow)' }[mode];
    const extra = mode === 'rows' ? ` (gzip ${kb(r.gzip.gz)})` : '';
    const vs = mode === 'aggregates' ? '—' : `${(draw / agg).toFixed(1)}× the time, ${(bytes / aggBytes).toFixed(0)}× the bytes`;
    lines.push(`| ${r.events.toLocaleString('en')} (${r.customers.toLocaleString('en')}) | ${label} | ${spread(draws, sec)} | ${kb(bytes)}${extra} | ${median(xs.map((x) => x.requests))} | ${heap.toFixed(0)} MB | ${vs} |`);
  }
}
lines.push('');
lines.push(`pulso-serve started (generate, validate, frame the plan) in ${results.map((r) => `${sec(r.startMs)} at ${r.events.toLocaleString('en')} events`).join(', ')}. Requests per path: ${results.map((r) => MODES.map((m) => `${m} ${JSON.stringify(r.runs[m][0].byRoute)}`).join('; ')).join(' | ')}.`);
const text = lines.join('\n');
console.log(`\n${text}`);
if (!args.includes('--dry')) await writeSection(new URL('./RESULTS.md', import.meta.url).pathname, text, HEADING);
