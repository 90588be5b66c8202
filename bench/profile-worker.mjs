// Where the time of the worker bench's cold load and first click goes, thread by thread: one
// DevTools trace of the whole page (bench/worker.html, one click), then for the page's main
// thread and Pulso's worker thread the performance marks (times from the adapter set) and the
// tasks of 8 ms or more, with wall and CPU time. Needs `npm run build`.
//   node bench/profile-worker.mjs [--n=1000000] [--mode=worker|main] [--start=later|together] [--out=trace.json] [--bundle=/bench/out/base/pulso.js]
//                                [--inside=30] [--samples] [--in=trace.json]
// Marks a developer adds while profiling (performance.mark in the page or the worker) show too.
// `--inside=MS`: for every main-thread task of MS or more (wall), what ran inside it (trace
// events of 1 ms or more, nested by time, with wall and CPU); with `--samples` also the
// JavaScript functions the CPU profiler sampled inside it (self time; an unminified build
// names them).
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { threadTasks } from './main-thread.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const n = Number(arg('n', 1_000_000));
const mode = arg('mode', 'worker');
const start = arg('start', 'later');
// Another build of dist/pulso.js (as run-worker.mjs's --bundles=).
const bundle = arg('bundle', '/dist/pulso.js');
const inside = Number(arg('inside', 0));
const samples = args.includes('--samples');
const CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute',
  ...(inside ? ['disabled-by-default-devtools.timeline', 'ipc', 'mojom'] : []),
  ...(samples ? ['disabled-by-default-v8.cpu_profiler'] : [])];
// Trace events summed per thread from the adapter set to every widget drawn (`bench:done`): where
// each thread's time went (GC, compiling, script, style and layout, messages). Nested events count
// in their own row and in their parent's.
const SUMMED = /^(MinorGC|MajorGC|V8\.GC_[A-Z_]+|V8\.GCScavenger|V8\.GCCompactor|V8\.GCFinalizeMC|v8\.compile|V8\.CompileModule|v8\.evaluateModule|EvaluateScript|FunctionCall|RunMicrotasks|HandlePostMessage|TimerFire|FireAnimationFrame|EventDispatch|UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|ParseHTML|ParseAuthorStyleSheet|HitTest|V8\.ParseLazy|V8\.CompileLazy|V8\.OptimizeCode|v8\.run)$/;

// `--in=trace.json`: a trace written before with `--out=`, read again instead of running the page.
if (arg('in', '')) {
  const events = JSON.parse(readFileSync(arg('in', ''), 'utf8')).traceEvents;
  report(events);
  if (inside) insideLongTasks(events);
  if (samples) workerSampled(events);
  process.exit(0);
}
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
  const events = JSON.parse(trace.toString('utf8')).traceEvents;
  report(events);
  if (inside) insideLongTasks(events);
  if (samples) workerSampled(events);
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
  for (const [key, thread] of names) {
    if (thread !== 'CrRendererMain' && !thread.startsWith('DedicatedWorker')) continue;
    for (const t of threadTasks(events, key)) {
      if (t.ts < zero) continue;
      busy.set(thread, (busy.get(thread) ?? 0) + t.cpuMs);
      if (t.wallMs >= 8) rows.push({ ts: t.ts, line: `${at(t.ts)}  ${thread.padEnd(24)} task ${t.wallMs.toFixed(1)} ms wall, ${t.cpuMs.toFixed(1)} ms CPU (ends ${at(t.end)})` });
    }
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

/** A trace event's name with what it says of itself (a function's name, an event's type, a message's size). */
function label(e) {
  const d = e.args?.data ?? e.args ?? {};
  const what = d.functionName || d.type || d.url?.split('/').pop() || d.stackTrace?.[0]?.functionName || '';
  return what ? `${e.name} (${String(what).slice(0, 60)})` : e.name;
}

/** What ran inside each long main-thread task, and which JavaScript functions the profiler sampled there. */
function insideLongTasks(events) {
  // The page's main thread: the one that marked the adapter set.
  const mark = events.find((e) => e.name === 'bench:adapter');
  const zero = mark?.ts ?? 0;
  const thread = `${mark?.pid}:${mark?.tid}`;
  const main = events.filter((e) => `${e.pid}:${e.tid}` === thread);
  const tasks = threadTasks(events, thread).filter((t) => t.ts >= zero && t.wallMs >= inside);
  const profile = samples ? sampledFunctions(events, thread) : [];
  for (const task of tasks) {
    const end = task.end;
    console.log(`\nTask at ${((task.ts - zero) / 1000).toFixed(1)} ms: ${task.wallMs.toFixed(1)} ms wall, ${task.cpuMs.toFixed(1)} ms CPU`);
    const nested = main.filter((e) => e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 1000 && !/RunTask$/.test(e.name));
    nested.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const open = [];
    for (const e of nested) {
      while (open.length && open[open.length - 1] <= e.ts) open.pop();
      console.log(`  ${'  '.repeat(open.length)}${label(e)}: ${(e.dur / 1000).toFixed(1)} ms wall, ${((e.tdur ?? 0) / 1000).toFixed(1)} ms CPU`);
      open.push(e.ts + e.dur);
    }
    if (!samples) continue;
    const self = new Map();
    for (const s of profile) if (s.ts >= task.ts && s.ts < end) self.set(s.fn, (self.get(s.fn) ?? 0) + s.ms);
    const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
    console.log('  sampled, self time:');
    for (const [fn, ms] of top) console.log(`    ${ms.toFixed(1).padStart(6)} ms  ${fn}`);
  }
}

/**
 * `--samples`: the JavaScript functions the CPU profiler sampled on Pulso's worker thread from the
 * adapter set to every widget drawn (self time, the top 40; an unminified build names them), and
 * the sum of the rest: where the worker's serial CPU goes on the cold path.
 */
function workerSampled(events) {
  const zero = events.find((e) => e.name === 'bench:adapter')?.ts ?? 0;
  const done = events.find((e) => e.name === 'bench:done' && e.ts > zero)?.ts ?? Infinity;
  for (const e of events) {
    if (e.ph !== 'M' || e.name !== 'thread_name' || !e.args.name.startsWith('DedicatedWorker')) continue;
    const self = new Map();
    let total = 0;
    for (const s of sampledFunctions(events, `${e.pid}:${e.tid}`)) {
      if (s.ts < zero || s.ts > done || s.fn.startsWith('(idle)')) continue;
      self.set(s.fn, (self.get(s.fn) ?? 0) + s.ms);
      total += s.ms;
    }
    if (total === 0) continue;
    const top = [...self].sort((a, b) => b[1] - a[1]);
    console.log(`\n${e.args.name}: ${total.toFixed(0)} ms sampled (not idle) until every widget was drawn; self time:`);
    for (const [fn, ms] of top.slice(0, 40)) console.log(`  ${ms.toFixed(1).padStart(6)} ms  ${fn}`);
    console.log(`  ${top.slice(40).reduce((a, [, ms]) => a + ms, 0).toFixed(1).padStart(6)} ms  (the other ${Math.max(0, top.length - 40)} functions)`);
  }
}

/** The CPU profiler's samples of one thread, each as { ts, fn, ms } (ms: the interval to the next sample). */
function sampledFunctions(events, thread) {
  const nodes = new Map();
  const out = [];
  const profiles = new Map();
  // A profile's chunks are traced on the sampler's thread, under the profile's id in its process.
  for (const e of events) {
    if (e.name === 'Profile' && `${e.pid}:${e.tid}` === thread) profiles.set(`${e.pid}:${e.id}`, { ts: e.args.data.startTime });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !profiles.has(`${e.pid}:${e.id}`)) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) {
      const f = n.callFrame;
      nodes.set(`${e.id}:${n.id}`, `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`);
    }
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < ids.length; i++) {
      p.ts += deltas[i] ?? 0;
      out.push({ ts: p.ts, fn: nodes.get(`${e.id}:${ids[i]}`) ?? '?' });
    }
  }
  out.sort((a, b) => a.ts - b.ts);
  for (let i = 0; i < out.length; i++) out[i].ms = i + 1 < out.length ? Math.min(1, (out[i + 1].ts - out[i].ts) / 1000) : 0;
  return out;
}
