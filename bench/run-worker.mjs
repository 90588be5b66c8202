// The worker bench (bench/worker.ts): the dashboard from dist/pulso.js with its work in Pulso's
// worker and on the main thread, interleaved per size, in headless Chromium. Needs `npm run build`.
//   node bench/run-worker.mjs [--sizes=100000,1000000] [--clicks=3] [--rounds=1] [--start=later|together] [--bundles=/dist/pulso.js,/bench/out/base/pulso.js] [--modes=worker,main] [--traces=on,off] [--csp] [--warm=all|main|heatmap|words|tiny<N>] [--inputs]
// --csp serves every response with the README's Content-Security-Policy (scripts/serve.mjs), the portal's strict policy.
// Prints one JSON line per page and a summary; bench/RESULTS.md "Worker" quotes it.
import { readFileSync } from 'node:fs';
import { runPage } from './browser.mjs';
import { CSP } from '../scripts/serve.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('sizes', '100000,1000000').split(',').map(Number);
const clicks = Number(arg('clicks', 3));
const rounds = Number(arg('rounds', 1));
// `later` (default): the adapter is set 0.5 s after the dashboard joined the page; `together`: both at once.
const start = arg('start', 'later');
// Builds of dist/pulso.js to compare, interleaved with the modes (a copy of an older build under bench/out/).
const bundles = arg('bundles', '/dist/pulso.js').split(',');
// Which paths run: `worker` (Pulso's worker), `main` (worker off: the main thread in slices).
const modes = arg('modes', 'worker,main').split(',');
const csp = args.includes('--csp') ? CSP : undefined;
// `--warm=`: before the measured load, the page draws a small dashboard (3,000 events; `tiny<N>`: N) and removes
// it, to tell the cold page's one-time costs from the load's own (bench/worker.ts, warmFirst).
const warm = arg('warm', '');
// `on` (default): DevTools traces the main thread (each task's CPU time: drawMainCpu, the longest
// task's CPU); `off`: it does not. Tracing slows the page it watches, so the times a user would
// see (all drawn, the Long Tasks API's entries, frame gaps) come from `off` pages.
const traces = arg('traces', 'on').split(',');
// `--inputs`: from the adapter set, the harness presses Shift (real input through DevTools, as a
// user's key) for 2 s, each 30 ms after the one before was taken; for the keys inside the load the
// page records how long each waited for the main thread (drawInputDelays) and, for those of 16 ms
// or more, the Event Timing API's time from the key to the next paint (drawInputToPaint). The
// presses go on past a load shorter than 2 s: use it with --clicks=0.
const inputs = args.includes('--inputs');
async function pressWhileLoading(tab) {
  const loading = () => tab.evaluate('window.__benchLoading === true');
  const until = Date.now() + 120_000;
  while (!(await loading())) {
    if (Date.now() > until || (await tab.evaluate('Boolean(window.__bench)'))) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  // Not asked between presses: the page's main thread, busy in the load, answers DevTools' evaluations late.
  for (const end = Date.now() + 2_000; Date.now() < end; ) {
    await tab.keyboard.press('Shift');
    await new Promise((r) => setTimeout(r, 30));
  }
}
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const max = (xs) => Math.max(0, ...xs);
for (const n of sizes) {
  for (let r = 0; r < rounds; r++) {
    for (const [bundle, mode, trace] of bundles.flatMap((b) => modes.flatMap((m) => traces.map((t) => [b, m, t])))) {
      const before = load();
      const { extra, version, cspViolations } = await runPage('bench/worker.html', { query: `n=${n}&mode=${mode}&clicks=${clicks}&start=${start}&bundle=${encodeURIComponent(bundle)}${warm ? `&warm=${warm}` : ''}`, read: 'window.__worker', production: true, mainThread: trace === 'on', csp, ...(inputs ? { during: pressWhileLoading } : {}) });
      const { first, rounds: rs } = extra;
      const clicksOnly = rs.filter((_, i) => i % 2 === 0);
      const summary = {
        n, mode, bundle, start, traced: trace === 'on', csp: Boolean(csp), cspViolations, browser: version, loadBefore: before, loadAfter: load(), arrowBytes: extra.bytes,
        drawnMs: Math.round(first.ms),
        drawLongestTaskWall: Math.round(first.trace?.longest.wallMs ?? NaN), drawLongestTaskCpu: Math.round(first.trace?.longest.cpuMs ?? NaN),
        drawLongTasks: first.longTasks, drawLongTaskAt: first.longTaskAt, drawFrameGap: first.frameGap, drawFrameGapAt: first.frameGapAt, drawMainCpu: Math.round(first.trace?.cpuMs ?? NaN), drawRenders: first.renders,
        ...(inputs ? { drawInputDelays: first.inputDelays, drawInputToPaint: first.inputToPaint } : {}),
        clickMs: clicksOnly.map((c) => Math.round(c.ms)),
        clickLongestTaskWall: max(clicksOnly.map((c) => c.trace?.longest.wallMs ?? 0)).toFixed(0),
        clickLongestTaskCpu: max(clicksOnly.map((c) => c.trace?.longest.cpuMs ?? 0)).toFixed(0),
        clickLongTasks: clicksOnly.map((c) => c.longTasks), clickFrameGap: max(clicksOnly.map((c) => c.frameGap)),
        // The main thread's CPU per click, all tasks (the trace's): the page's own work, whatever the machine's load.
        clickMainCpu: clicksOnly.map((c) => Math.round(c.trace?.cpuMs ?? NaN)),
        clickRenders: clicksOnly.map((c) => c.renders),
      };
      console.log(JSON.stringify(summary));
    }
  }
}
