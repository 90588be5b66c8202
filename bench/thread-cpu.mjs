// Which threads of Chromium hold the machine's cores during the worker bench's cold load
// (bench/worker.html): each thread's CPU (utime + stime from /proc, 10 ms ticks) from the
// adapter set to every widget drawn, summed by process type and thread name, with the whole
// machine's busy time beside the wall time. Linux only. Needs `npm run build`.
//   node bench/thread-cpu.mjs [--n=1000000] [--mode=worker|main] [--start=together|later] [--rounds=3] [--reduced-motion]
// bench/RESULTS.md "Which render a load's Long Tasks entry holds" quotes it.
import { readdirSync, readFileSync } from 'node:fs';
import { runPage } from './browser.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const query = `n=${arg('n', 1_000_000)}&mode=${arg('mode', 'worker')}&clicks=0&start=${arg('start', 'together')}`;
const TICK_MS = 10;

/** Fields after the command name of a /proc stat line (the name may hold spaces and parentheses). */
const fields = (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');
const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // a process or thread that ended meanwhile
  }
};

/** The browser's process and its descendants. */
function processes(root) {
  const parentOf = new Map();
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const stat = read(`/proc/${p}/stat`);
    if (stat) parentOf.set(p, fields(stat)[1]);
  }
  const tree = new Set([String(root)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of parentOf) {
      if (tree.has(p) || !tree.has(parent)) continue;
      tree.add(p);
      grew = true;
    }
  }
  return [...tree];
}

/** CPU ms so far per `process type:thread name`, and the machine's busy time. */
function snapshot(root) {
  const cpu = new Map();
  const all = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  cpu.set('machine busy', (all[0] + all[1] + all[2] + all[5] + all[6]) * TICK_MS);
  for (const p of processes(root)) {
    const type = read(`/proc/${p}/cmdline`)?.match(/--type=([a-z-]+)/)?.[1] ?? 'browser';
    let threads = [];
    try {
      threads = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of threads) {
      const stat = read(`/proc/${p}/task/${t}/stat`);
      if (!stat) continue;
      const f = fields(stat);
      const key = `${type}: ${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`;
      cpu.set(key, (cpu.get(key) ?? 0) + (Number(f[11]) + Number(f[12])) * TICK_MS);
    }
  }
  return { at: performance.now(), cpu };
}

// A fresh browser and server per page (bench/browser.mjs): nothing compiled or cached from the page before.
for (let r = 0; r < Number(arg('rounds', 3)); r++) {
  let start;
  let end;
  const { lines } = await runPage('bench/worker.html', {
    query,
    production: true,
    async setup(tab, browser) {
      if (args.includes('--reduced-motion')) await tab.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
      // The page calls these at the adapter set and once all is drawn (bench/worker.ts).
      await tab.exposeFunction('__benchAdapterSet', () => void (start = snapshot(browser.process().pid)));
      await tab.exposeFunction('__benchDrawn', () => void (end = snapshot(browser.process().pid)));
    },
  });
  console.log(`${lines[0]}\n  wall ${Math.round(end.at - start.at)} ms (as seen from here); CPU ms:`);
  const rows = [...end.cpu].map(([k, v]) => [k, v - (start.cpu.get(k) ?? 0)]).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows) console.log(`  ${String(v).padStart(6)}  ${k}`);
}
