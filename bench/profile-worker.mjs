// Where the time of the worker bench's cold load and first click goes, thread by thread: one
// DevTools trace of the whole page (bench/worker.html, one click), then for the page's main
// thread and Pulso's worker thread the performance marks (times from the adapter set) and the
// tasks of 8 ms or more, with wall and CPU time. Needs `npm run build`.
//   node bench/profile-worker.mjs [--n=1000000] [--mode=worker|main] [--start=later|together] [--out=trace.json] [--bundle=/bench/out/base/pulso.js]
// Marks a developer adds while profiling (performance.mark in the page or the worker) show too.
import { writeFileSync } from 'node:fs';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const n = Number(arg('n', 1_000_000));
const mode = arg('mode', 'worker');
const start = arg('start', 'later');
// Another build of dist/pulso.js (as run-worker.mjs's --bundles=).
const bundle = arg('bundle', '/dist/pulso.js');
const CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute'];
// Trace events summed per thread from the adapter set to every widget drawn (`bench:done`): where
// each thread's time went (GC, compiling, script, style and layout, messages). Nested events count
// in their own row and in their parent's.
const SUMMED = /^(MinorGC|MajorGC|V8\.GC_[A-Z_]+|V8\.GCScavenger|V8\.GCCompactor|V8\.GCFinalizeMC|v8\.compile|V8\.CompileModule|v8\.evaluateModule|EvaluateScript|FunctionCall|RunMicrotasks|HandlePostMessage|TimerFire|FireAnimationFrame|EventDispatch|UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|ParseHTML|ParseAuthorStyleSheet|HitTest|V8\.ParseLazy|V8\.CompileLazy|V8\.OptimizeCode|v8\.run)$/;

const server = await createServer({
  configFile: false, root: process.cwd(), logLevel: 'error',
  resolve: { conditions: ['module', 'browser', 'production'] },
  server: { port: 0, hmr: false, watch: null },
});
await server.listen();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, protocolTimeout: 900_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--expose-gc'],
});
try {
  const tab = await browser.newPage();
  tab.on('console', (m) => console.log(`  [page] ${m.text()}`));
  const { port } = server.httpServer.address();
  await tab.tracing.start({ categories: CATEGORIES });
  await tab.goto(`http://localhost:${port}/bench/worker.html?n=${n}&mode=${mode}&clicks=1&start=${start}&bundle=${encodeURIComponent(bundle)}`);
  await tab.waitForFunction('window.__bench && (window.__bench.done || window.__bench.error)', { timeout: 900_000, polling: 500 });
  const trace = Buffer.from(await tab.tracing.stop());
  // `--out=file.json`: the whole trace too, to open in DevTools' Performance panel.
  if (arg('out', '')) writeFileSync(arg('out', ''), trace);
  report(JSON.parse(trace.toString('utf8')).traceEvents);
} finally {
  await browser.close();
  await server.close();
}

function report(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n'));
  const zero = marks.find((e) => e.name === 'bench:adapter')?.ts;
  if (zero === undefined) throw new Error('no bench:adapter mark in the trace');
  const at = (ts) => ((ts - zero) / 1000).toFixed(1).padStart(8);
  const threadOf = (e) => names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`;
  const rows = [];
  for (const m of marks) if (m.ts >= zero) rows.push({ ts: m.ts, line: `${at(m.ts)}  ${threadOf(m).padEnd(24)} mark ${m.name}` });
  const busy = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.ts < zero) continue;
    const thread = threadOf(e);
    if (thread !== 'CrRendererMain' && !thread.startsWith('DedicatedWorker')) continue;
    const wall = (e.dur ?? 0) / 1000;
    const cpu = (e.tdur ?? 0) / 1000;
    busy.set(thread, (busy.get(thread) ?? 0) + cpu);
    if (wall >= 8) rows.push({ ts: e.ts, line: `${at(e.ts)}  ${thread.padEnd(24)} task ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU (ends ${at(e.ts + e.dur)})` });
  }
  rows.sort((a, b) => a.ts - b.ts);
  for (const r of rows) console.log(r.line);
  for (const [thread, cpu] of busy) console.log(`CPU after the adapter set, ${thread}: ${cpu.toFixed(0)} ms`);
  const done = marks.find((e) => e.name === 'bench:done' && e.ts > zero)?.ts ?? Infinity;
  const sums = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < zero || e.ts > done || !SUMMED.test(e.name)) continue;
    const thread = threadOf(e);
    if (thread !== 'CrRendererMain' && !thread.startsWith('DedicatedWorker')) continue;
    const k = `${thread}\u0000${e.name}`;
    const s = sums.get(k) ?? { n: 0, wall: 0, cpu: 0 };
    s.n += 1;
    s.wall += (e.dur ?? 0) / 1000;
    s.cpu += (e.tdur ?? 0) / 1000;
    sums.set(k, s);
  }
  console.log('Until every widget was drawn, by event (count, wall, CPU):');
  for (const [k, s] of [...sums].sort((a, b) => b[1].wall - a[1].wall)) {
    const [thread, name] = k.split('\u0000');
    if (s.wall >= 1) console.log(`  ${thread.padEnd(24)} ${name.padEnd(22)} ${String(s.n).padStart(5)}  ${s.wall.toFixed(1).padStart(8)} ms  ${s.cpu.toFixed(1).padStart(8)} ms`);
  }
}
