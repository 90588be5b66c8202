// Runs a benchmark page in headless Chromium and prints what it reports.
// node bench/run-browser.mjs bench/<page>.html [query]
// The page is served by Vite (so TypeScript and ../shared/data are reachable) and
// must set `window.__bench = { done: true, lines: [...] }` (or `error`) when finished.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';

const [page = 'bench/load-retail.html', query = ''] = process.argv.slice(2);
const server = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: 'error',
  server: { port: 0, fs: { allow: [process.cwd(), new URL('../../shared', import.meta.url).pathname] } },
});
await server.listen();
const { port } = server.httpServer.address();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  protocolTimeout: 900_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
try {
  const tab = await browser.newPage();
  tab.on('console', (m) => console.log(`  [page] ${m.text()}`));
  tab.on('pageerror', (e) => console.error(`  [page error] ${e}`));
  await tab.goto(`http://localhost:${port}/${page}${query ? `?${query}` : ''}`);
  await tab.waitForFunction('window.__bench && (window.__bench.done || window.__bench.error)', { timeout: 900_000, polling: 500 });
  const result = await tab.evaluate('window.__bench');
  if (result.error) throw new Error(result.error);
  console.log(`${await browser.version()}`);
  for (const line of result.lines) console.log(line);
} finally {
  await browser.close();
  await server.close();
}
