// Runs a benchmark page in headless Chromium and prints what it reports.
// node bench/run-browser.mjs bench/<page>.html [query]
// The page must set `window.__bench = { done: true, lines: [...] }` (or `error`) when finished.
import { runPage } from './browser.mjs';

const [page = 'bench/load-retail.html', query = ''] = process.argv.slice(2);
const { version, lines } = await runPage(page, { query });
console.log(version);
for (const line of lines) console.log(line);
