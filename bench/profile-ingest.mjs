// Where Pulso's Arrow ingest spends its time in Chromium (the page of run-ingest.mjs, Pulso
// alone): a V8 CPU profile of the whole page, then the functions with the most self time and
// the garbage collector's share, from the first table on (the page's start and data
// generation are left out by starting the profiler when the first table begins).
//   node bench/profile-ingest.mjs [--sizes=1000000] [--runs=3] [--tables=customers,tickets] [--top=40] [--out=x.cpuprofile] [--js=--trace-deopt]
import { writeFileSync } from 'node:fs';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const query = new URLSearchParams({
  sizes: arg('sizes', '1000000'),
  runs: arg('runs', '3'),
  bigRuns: '1',
  beforeMax: '0',
  only: arg('only', 'pulso-arrow'),
  ...(arg('tables', '') ? { tables: arg('tables', '') } : {}),
});

const server = await createServer({ configFile: false, root: process.cwd(), logLevel: 'error', server: { port: 0, hmr: false, watch: null } });
await server.listen();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, protocolTimeout: 900_000,
  // `--js=--trace-deopt,--trace-opt`: more V8 flags, whose output (the browser's stdout) is passed on.
  dumpio: arg('js', '') !== '',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--enable-precise-memory-info', `--js-flags=${['--expose-gc', ...arg('js', '').split(',').filter(Boolean)].join(' ')}`],
});
try {
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  let started = false;
  tab.on('console', (m) => {
    const text = m.text();
    console.log(`  [page] ${text}`);
    // The first table's line comes after the data is made: profile from there.
    if (!started && / rows; arrow /.test(text)) {
      started = true;
      void cdp.send('Profiler.start');
    }
  });
  const { port } = server.httpServer.address();
  await tab.goto(`http://localhost:${port}/bench/ingest.html?${query}`, { timeout: 900_000 });
  await tab.waitForFunction('window.__bench && (window.__bench.done || window.__bench.error)', { timeout: 900_000, polling: 500 });
  const { profile } = await cdp.send('Profiler.stop');
  if (arg('out', '')) writeFileSync(arg('out', ''), JSON.stringify(profile));
  report(profile, Number(arg('top', 40)));
} finally {
  await browser.close();
  await server.close();
}

function report(profile, top) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  // A sample is Pulso's ingest when `arrowTable` (bench/ingest.ts) is on its stack; the
  // collector's and V8's own samples (no stack) belong to the sample before them.
  const inIngest = (node) => {
    for (let n = node; n; n = parent.get(n.id)) if (n.callFrame.functionName === 'arrowTable') return true;
    return false;
  };
  const self = new Map();
  const deltas = profile.timeDeltas;
  let total = 0;
  let gc = 0;
  let last = false;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const vm = ['(garbage collector)', '(program)'].includes(f.functionName);
    const ingest = vm ? last : inIngest(node);
    if (!vm) last = ingest;
    if (!ingest) continue;
    const file = f.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/').replace(/\?.*$/, '');
    const key = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
    if (f.functionName === '(garbage collector)') gc += dt;
  }
  console.log(`\nPulso's ingest: ${total.toFixed(0)} ms sampled, of which the garbage collector ${gc.toFixed(0)} ms; self time:`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${k}`);
}
