// `node bench/run-scale.mjs`: the demo dashboard at scale, end to end through
// `pulso-serve --duckdb FILE` on the seeded health plan generated into DuckDB files
// (scripts/health-plan-file.mjs; .cache/), drawn in headless Chromium from aggregates
// alone (bench/wire.html, JsonAdapter pushDown). A small proxy between the page and the
// server records every request: its query, the server's time and the bytes sent. The
// queries go to bench/out/dashboard-queries.json, which bench/pushdown-scale.node.ts
// times against hand-written SQL. Prints the figures (RESULTS.md "## Push-down at scale"
// is written by hand from them and from pushdown-scale.node.ts).
// Three starts per size, for the answer cache: *cold* (nothing kept: run 1 computes,
// later runs are served from the answers kept in memory), *restart* (the same server
// again on the answers it wrote to --cache-file), *warm* (nothing kept, the dashboard's
// queries, bench/scale-dashboard-queries.json, answered before listening: --warm), and
// *rewarm* (the answers a cold run kept, then --warm: a query the cold run could not
// finish in time is computed before listening). `--timeout-ms` is pulso-serve's.
//   node bench/run-scale.mjs [--events=10000000,100000000] [--reps=3] [--phases=cold,restart,warm,rewarm] [--timeout-ms=600000]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { resolve } from 'node:path';
import { healthPlanFile } from '../scripts/health-plan-file.mjs';
import { runPage } from './browser.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const sizes = arg('events', '10000000,100000000').split(',').map(Number);
const reps = Number(arg('reps', '3'));
const phases = arg('phases', 'cold,restart,warm').split(',');
const timeoutMs = arg('timeout-ms', '600000');
// The plan spans 2024-11-01 … 2026-11-01: the dashboard shows its last twelve months.
const FROM = '2025-11-01';
const TO = '2026-11-01';
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

function startServer(file, extra) {
  const child = spawn(process.execPath, [resolve(root, 'bin/pulso-serve.mjs'), '--duckdb', file, '--port', '0', '--timeout-ms', timeoutMs, ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
      const found = /serving \S+ at (http:\/\/\S+)/.exec(out);
      if (found) ok({ url: new URL(found[1]), stop: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))) });
    });
    child.on('exit', (code) => fail(new Error(`pulso-serve exited ${code}`)));
  });
}

/** Forwards to `target`, recording each request's path, body, status, time and response bytes. */
function recordingProxy(target) {
  const log = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const t0 = performance.now();
      const entry = { path: req.url, query: body.length ? JSON.parse(body.toString('utf8')) : undefined, status: 0, ms: 0, bytes: 0 };
      const out = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        entry.status = r.statusCode;
        res.writeHead(r.statusCode, r.headers);
        r.on('data', (c) => {
          entry.bytes += c.length;
          res.write(c);
        });
        r.on('end', () => {
          entry.ms = performance.now() - t0;
          log.push(entry);
          res.end();
        });
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ log, origin: `http://127.0.0.1:${server.address().port}`, close: () => server.close() })));
}

/** Starts pulso-serve with `extra`, draws the dashboard `count` times through the proxy, stops it. */
async function phase(name, events, file, extra, count) {
  const started = performance.now();
  const server = await startServer(file, extra);
  const startMs = performance.now() - started;
  const proxy = await recordingProxy(server.url);
  const runs = [];
  try {
    for (let r = 0; r < count; r++) {
      const before = load();
      proxy.log.length = 0;
      let page;
      try {
        page = await runPage('bench/wire.html', { query: `mode=aggregates&from=${FROM}&to=${TO}`, read: 'window.__wire', production: true, proxy: { '/api': proxy.origin } });
      } catch (error) {
        // Not drawn in time (bench/wire.ts waits 600 s): recorded with the answers that did come.
        page = { extra: { drawMs: NaN, bodyBytes: NaN, error: error.message } };
      }
      const requests = proxy.log.map((e) => ({ metric: e.query?.metric, ms: Math.round(e.ms), bytes: e.bytes, status: e.status, path: e.path }));
      runs.push({ drawMs: page.extra.drawMs, bodyBytes: page.extra.bodyBytes, error: page.extra.error, requests, load: before });
      console.log(`${events} events, ${name}, run ${r + 1}: ${page.extra.error ?? `drawn in ${page.extra.drawMs.toFixed(0)} ms`}, ${page.extra.bodyBytes} bytes in ${requests.length} requests (load ${before})`);
      for (const q of requests) console.log(`   ${q.status} ${q.metric ?? q.path} ${q.ms} ms ${q.bytes} B`);
      if (r === 0 && name === 'cold') {
        mkdirSync(resolve(root, 'bench/out'), { recursive: true });
        writeFileSync(resolve(root, 'bench/out/dashboard-queries.json'), JSON.stringify(proxy.log.filter((e) => e.query).map((e) => e.query), null, 1));
      }
    }
  } finally {
    proxy.close();
    await server.stop();
  }
  return { phase: name, startMs, runs };
}

const results = [];
mkdirSync(resolve(root, 'bench/out'), { recursive: true });
for (const events of sizes) {
  const file = await healthPlanFile(events, (line) => process.stdout.write(line));
  const kept = resolve(root, `bench/out/answers-${events}.json`);
  const warmKept = resolve(root, `bench/out/answers-${events}-warm.json`);
  // A cold start keeps nothing (a restart alone reuses what the last cold one kept).
  if (phases.includes('cold')) rmSync(kept, { force: true });
  rmSync(warmKept, { force: true });
  const out = { events, fileBytes: statSync(file).size, phases: [] };
  if (phases.includes('cold')) out.phases.push(await phase('cold', events, file, ['--cache-file', kept], reps));
  if (phases.includes('restart')) out.phases.push(await phase('restart', events, file, ['--cache-file', kept], 1));
  const warmFile = resolve(root, 'bench/scale-dashboard-queries.json');
  if (phases.includes('warm')) out.phases.push(await phase('warm', events, file, ['--warm', warmFile, '--cache-file', warmKept], 1));
  if (phases.includes('rewarm')) out.phases.push(await phase('rewarm', events, file, ['--warm', warmFile, '--cache-file', kept], 1));
  results.push(out);
}
console.log(JSON.stringify(results, null, 1));
mkdirSync(resolve(root, 'bench/out'), { recursive: true });
writeFileSync(resolve(root, 'bench/out/scale.json'), JSON.stringify({ date: new Date().toISOString(), node: process.versions.node, results }, null, 1));
