// npm run serve:demo [-- pulso-serve options]: the demo dashboard drawn from the server.
// Starts pulso-serve (default `--demo`: the seeded health plan, in memory) on a free
// loopback port, then the demo page under Vite with the API proxied on the same origin,
// and opens the demo page with ?server=/api, where every widget's query is computed by the server
// (JsonAdapter pushDown): the page receives aggregates, never a row.
//   npm run serve:demo                          the demo plan (4,000 customers)
//   npm run serve:demo -- --customers 100000    about a million events
//   npm run serve:demo -- --duckdb plan.duckdb  a DuckDB file in the canonical schema
//   npm run serve:demo -- --events 10000000     the plan at 10M activity events, in a DuckDB
//                                               file generated once into .cache/ (scripts/health-plan-file.mjs),
//                                               its answers kept beside it (--cache-file) for a warm restart
//   add --no-open to only print the page's address.
//   npm run serve:demo -- --clickhouse URL --database NAME   a ClickHouse server (docs/clickhouse.md)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createServer } from 'vite';
import { healthPlanFile } from './health-plan-file.mjs';

const root = resolve(import.meta.dirname, '..');
const forwarded = process.argv.slice(2);
const noOpen = forwarded.indexOf('--no-open');
if (noOpen >= 0) forwarded.splice(noOpen, 1);
const at = forwarded.findIndex((a) => a === '--events' || a.startsWith('--events='));
if (at >= 0) {
  const text = forwarded[at].includes('=') ? forwarded[at].split('=')[1] : forwarded[at + 1];
  const events = Number(text);
  if (!/^\d+$/.test(text ?? '') || events < 1 || events > 2_000_000_000) {
    console.error(`serve:demo: --events must be a whole number of activity events (such as 10000000); got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  const file = await healthPlanFile(events, (line) => process.stdout.write(line));
  // The answers kept next to the file: the dashboards drawn before are warm at the next start.
  forwarded.splice(at, forwarded[at].includes('=') ? 1 : 2, '--duckdb', file, '--cache-file', `${file}.answers.json`);
}
const sourceGiven = forwarded.some((a) => ['--demo', '--json', '--duckdb', '--postgres', '--clickhouse'].includes(a.split('=')[0]));
const args = [...(sourceGiven ? [] : ['--demo']), '--port', '0', ...forwarded];

const api = spawn(process.execPath, [resolve(root, 'bin/pulso-serve.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const apiUrl = await new Promise((ok, fail) => {
  let out = '';
  api.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    out += chunk;
    const found = /serving \S+ at (http:\/\/\S+)/.exec(out);
    if (found) ok(new URL(found[1]));
  });
  api.on('exit', (code) => fail(new Error(`pulso-serve stopped (exit ${code})`)));
}).catch((error) => {
  console.error(error.message);
  process.exit(1);
});

const base = apiUrl.pathname.replace(/\/+$/, '') || '/';
// vite.config.ts serves demo/ at the root, as `npm start` does.
const page = `/?server=${base}`;
const vite = await createServer({
  configFile: resolve(root, 'vite.config.ts'),
  server: { host: '127.0.0.1', port: 0, open: noOpen < 0 && page, proxy: { [base]: { target: apiUrl.origin } } },
});
await vite.listen();
const { port } = vite.httpServer.address();
console.log(`serve:demo: the dashboard from aggregates at http://127.0.0.1:${port}${page}  (Ctrl-C stops both)`);

async function stop() {
  api.kill('SIGTERM');
  await vite.close();
  process.exit(0);
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
