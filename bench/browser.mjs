// Runs a bench page in headless Chromium (served by Vite from the repository root, so
// TypeScript and data/ are reachable) and waits for it to set `window.__bench` to
// `{ done: true, lines }` or `{ error }`. Shared by run-browser.mjs and run.mjs.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { exposeMainThread } from './main-thread.mjs';

const TIMEOUT = 900_000;

/**
 * @param {string} page path of the page from the repository root, e.g. bench/metrics.html
 * @param {{ query?: string, read?: string, jsFlags?: string[], production?: boolean, mainThread?: boolean, proxy?: Record<string, string>, csp?: string,
 *   setup?: (tab: import('puppeteer-core').Page, browser: import('puppeteer-core').Browser) => Promise<void>,
 *   during?: (tab: import('puppeteer-core').Page) => Promise<void> }} [options]
 *   `read`: an expression evaluated in the page once it is done (its value is returned as `extra`).
 *   `production`: resolve packages' `production` exports (Lit without its dev-mode checks, as users get it).
 *   `mainThread`: gives the page `__mainThreadStart()` / `__mainThreadStop()`, which trace its main
 *   thread's tasks with their CPU time (bench/main-thread.mjs).
 *   `proxy`: paths Vite forwards to another server (`{ '/api': 'http://127.0.0.1:8787' }`), on the page's origin.
 *   `csp`: a Content-Security-Policy header every response carries (e.g. the README's, scripts/serve.mjs's CSP);
 *   the page's violations are returned as `cspViolations`.
 *   `setup(tab, browser)`: before the page is opened (functions exposed to it, media emulated).
 *   `during(tab)`: the harness acting on the page while it runs (run-worker.mjs's key presses); awaited before returning.
 * @returns {Promise<{ version: string, lines: string[], extra: unknown, cspViolations: string[] }>}
 */
export async function runPage(page, { query = '', read, jsFlags = [], production = false, mainThread = false, proxy, csp, setup, during } = {}) {
  const server = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    ...(production ? { resolve: { conditions: ['module', 'browser', 'production'] } } : {}),
    // No watching, no HMR: an edit while a long bench runs must not reload its page and start it over.
    server: { port: 0, hmr: false, watch: null, ...(proxy ? { proxy } : {}), ...(csp ? { headers: { 'Content-Security-Policy': csp } } : {}) },
  });
  await server.listen();
  const { port } = server.httpServer.address();
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    protocolTimeout: TIMEOUT,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info',
      `--js-flags=${['--expose-gc', ...jsFlags].join(' ')}`,
    ],
  });
  try {
    const tab = await browser.newPage();
    tab.on('console', (m) => console.log(`  [page] ${m.text()}`));
    tab.on('pageerror', (e) => console.error(`  [page error] ${e}`));
    if (mainThread) await exposeMainThread(tab);
    await setup?.(tab, browser);
    // The document's violations of its policy (a worker's go to its own scope; Chromium logs them to the console, printed above).
    await tab.evaluateOnNewDocument(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // Puppeteer's default 30 s for the page's load event is not enough for Vite's first transforms on a loaded machine.
    await tab.goto(`http://localhost:${port}/${page}${query ? `?${query}` : ''}`, { timeout: TIMEOUT });
    const acting = during?.(tab);
    await tab.waitForFunction('window.__bench && (window.__bench.done || window.__bench.error)', { timeout: TIMEOUT, polling: 1000 });
    await acting;
    const result = await tab.evaluate('window.__bench');
    if (result.error) throw new Error(result.error);
    const extra = read ? await tab.evaluate(read) : undefined;
    const cspViolations = await tab.evaluate('window.__cspViolations');
    return { version: await browser.version(), lines: result.lines, extra, cspViolations };
  } finally {
    await browser.close();
    await server.close();
  }
}
