// What a page downloads before its first chart is drawn (issue 14): the gzip bytes of every
// script the server hands out — to the page and to Pulso's worker — until the first mark of
// a chart is in a widget's shadow root, on demo/portal.html and on bench/first-chart.html
// (the demo's dashboard: every element), in headless Chromium, under README's CSP.
// Used by scripts/size.mjs; alone: node scripts/first-chart.mjs [dist folder] (default dist/).
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { startServer } from './serve.mjs';

const root = resolve(import.meta.dirname, '..');
export const PAGES = ['/demo/portal.html', '/bench/first-chart.html'];

/** True once any widget's shadow root holds a chart mark; polled in the page. */
const FIRST_CHART = `(() => {
  for (const el of document.querySelectorAll('*')) {
    if (el.shadowRoot?.querySelector('svg.pulso-chart [data-mark]')) return true;
    for (const inner of el.shadowRoot?.querySelectorAll('*') ?? []) if (inner.shadowRoot?.querySelector('svg.pulso-chart [data-mark]')) return true;
  }
  return false;
})()`;

/**
 * Serves the repository's demo/ and bench/ with `dist` as /dist/, opens each page and
 * returns, per page, the scripts fetched (path → gzip bytes) before the first chart and
 * after the page settled, the workers' script paths, and page errors and worker problems.
 */
export async function measureFirstChart(dist = resolve(root, 'dist'), pages = PAGES) {
  const site = await mkdtemp(join(tmpdir(), 'pulso-first-chart-'));
  for (const dir of ['demo', 'bench']) await symlink(resolve(root, dir), join(site, dir));
  await symlink(resolve(dist), join(site, 'dist'));
  const { server, url } = await startServer({ root: site });
  /** Every request the server answered: when, and which path. */
  const log = [];
  server.on('request', (req) => log.push({ at: Date.now(), path: new URL(req.url ?? '/', 'http://x').pathname }));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const gzipOf = async (path) => gzipSync(await readFile(join(site, path)), { level: 9 }).length;
  const scripts = async (entries) => {
    const paths = [...new Set(entries.map((e) => e.path).filter((p) => p.endsWith('.js')))];
    return Object.fromEntries(await Promise.all(paths.map(async (p) => [p, await gzipOf(p)])));
  };
  const results = [];
  try {
    for (const path of pages) {
      log.length = 0;
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
      await page.exposeFunction('__pulsoWorkerProblem', (m) => problems.push(`pulso-worker-problem: ${m}`));
      await page.evaluateOnNewDocument(() =>
        document.addEventListener('pulso-worker-problem', (e) => globalThis.__pulsoWorkerProblem(e.detail.message)),
      );
      await page.setViewport({ width: 1200, height: 900 });
      await page.goto(url + path, { waitUntil: 'load' });
      await page.waitForFunction(FIRST_CHART, { timeout: 60_000, polling: 'raf' });
      const drawn = Date.now();
      const before = log.filter((e) => e.at <= drawn);
      // Settled: no request for a second.
      for (let n = -1; n !== log.length; ) {
        n = log.length;
        await new Promise((r) => setTimeout(r, 1000));
      }
      results.push({
        page: path,
        firstChart: await scripts(before),
        all: await scripts(log),
        workers: page.workers().map((w) => new URL(w.url()).pathname),
        problems,
      });
      await page.close();
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
    await rm(site, { recursive: true, force: true });
  }
  return results;
}

/** Sum of the gzip bytes of a page's scripts. */
export const total = (scripts) => Object.values(scripts).reduce((s, n) => s + n, 0);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await measureFirstChart(process.argv[2])) {
    console.log(`${r.page}: before the first chart ${(total(r.firstChart) / 1024).toFixed(1)} KB gzip, settled ${(total(r.all) / 1024).toFixed(1)} KB; workers ${r.workers.join(', ')}`);
    for (const p of r.problems) console.log(`  ! ${p}`);
    for (const [p, n] of Object.entries(r.firstChart)) console.log(`  ${(n / 1024).toFixed(1).padStart(6)} KB  ${p}`);
  }
}
