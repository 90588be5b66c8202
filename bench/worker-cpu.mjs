// The worker bench's cold draw at 1M (bench/worker.html, worker mode, no click) with the CPU time
// of Pulso's worker thread, read from /proc (utime + stime of the renderer's DedicatedWorker
// thread, 10 ms ticks): a figure the machine's load moves far less than the wall clock. The
// worker idles from its start until the adapter is set, so its CPU at the end is the cold path's
// (module evaluation included). Builds alternate per round. Linux only; needs `npm run build`.
//   node bench/worker-cpu.mjs [--bundles=/dist/pulso.js,/bench/out/base/pulso.js] [--rounds=3] [--n=1000000]
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const bundles = arg('bundles', '/dist/pulso.js').split(',');
const rounds = Number(arg('rounds', 3));
const n = Number(arg('n', 1_000_000));
const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};
const fields = (path) => read(path).split(') ')[1]?.split(' ') ?? [];
const load = () => read('/proc/loadavg').split(' ').slice(0, 3).join(' ');

/** CPU ms of the DedicatedWorker threads of the renderers below process `root`. */
function workerCpu(root) {
  const below = (pid) => {
    for (let p = pid, i = 0; p > 1 && i < 10; p = Number(fields(`/proc/${p}/stat`)[1]), i++) if (p === root) return true;
    return false;
  };
  let ms = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)) {
    if (!below(pid) || !read(`/proc/${pid}/cmdline`).includes('--type=renderer')) continue;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      if (!read(`/proc/${pid}/task/${tid}/comm`).startsWith('DedicatedWorker')) continue;
      const f = fields(`/proc/${pid}/task/${tid}/stat`);
      ms += (Number(f[11]) + Number(f[12])) * 10;
    }
  }
  return ms;
}

const server = await createServer({
  configFile: false, root: process.cwd(), logLevel: 'error',
  resolve: { conditions: ['module', 'browser', 'production'] },
  server: { port: 0, hmr: false, watch: null },
});
await server.listen();
const { port } = server.httpServer.address();
for (let r = 0; r < rounds; r++) {
  for (const bundle of bundles) {
    const browser = await puppeteer.launch({
      executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, protocolTimeout: 900_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--js-flags=--expose-gc'],
    });
    try {
      const tab = await browser.newPage();
      const loadBefore = load();
      await tab.goto(`http://localhost:${port}/bench/worker.html?n=${n}&mode=worker&clicks=0&start=together&bundle=${encodeURIComponent(bundle)}`);
      await tab.waitForFunction('window.__worker || window.__bench?.error', { timeout: 900_000, polling: 200 });
      const { first, error } = await tab.evaluate(() => ({ first: window.__worker?.first, error: window.__bench?.error }));
      if (error) throw new Error(error);
      console.log(JSON.stringify({ n, bundle, drawnMs: Math.round(first.ms), workerCpuMs: workerCpu(browser.process().pid), loadBefore, loadAfter: load() }));
    } finally {
      await browser.close();
    }
  }
}
await server.close();
