// The cache bench (issue 7): time to the first chart's rows — load, validate, frame,
// featureAdoption — from a warm IndexedDB cache against a load over a mocked network
// (zero latency: the network's own time is not counted, only the page's work), and
// IndexedDB put/get time per MB. Run: node bench/run-browser.mjs bench/cache.html [sizes=100000,1000000&runs=5]
// The source answers `at` as ISO strings, as the REST convention does. Two layouts of
// the stored table are timed: raw (as the source answered: a warm load decodes 1M ISO
// strings and validates them again) and normalized (after validation, with its report:
// times as Float64 epoch ms, strings dictionary-encoded; what the widgets use).
import { toArrowIPC } from 'arquero';
import { ARROW_STREAM, JsonAdapter } from '../src/adapters/json.js';
import type { FetchLike } from '../src/adapters/http.js';
import type { Adapter } from '../src/adapters/types.js';
import { CachedAdapter } from '../src/cache/cached-adapter.js';
import { NORMALIZED_SCHEMA_VERSION } from '../src/cache/cached-meta.js';
import { normalizedCodec } from '../src/cache/entry-codec.js';
import { openIdbCache } from '../src/cache/idb.js';
import type { IdbCache } from '../src/cache/idb.js';
import { frameOf } from '../src/data/frame.js';
import { loadTables } from '../src/data/load.js';
import { featureAdoption } from '../src/metrics/adoption.js';
import { FEATURES, generate, rawTables } from './generate.js';
import { collect, median } from './measure.js';
import { loadArrow } from '../src/adapters/arrow-codec.js';

// decodeArrow below is synchronous: the Arrow codec (loaded on first use) comes first.
await loadArrow();

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
  }
}

const q = new URLSearchParams(location.search);
const SIZES = (q.get('sizes') ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(q.get('runs') ?? 5);
const DB = 'pulso-bench-cache';
const lines: string[] = [];
const log = (s: string): void => {
  console.log(s);
  lines.push(s);
};
const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const MB = 1024 * 1024;

/** A fetch answering every GET with the same body, at once. */
function mockedFetch(body: string | Uint8Array, type: string): FetchLike {
  return async () =>
    new Response(body as BodyInit, { status: 200, headers: { 'Content-Type': type } });
}

/** (Open →) load → validate → frame → kernel: how long the rows of the first chart took. */
async function firstChart(make: () => Adapter | Promise<Adapter>): Promise<number> {
  collect();
  const t0 = performance.now();
  const { tables } = await loadTables(await make(), ['activity']);
  const rows = featureAdoption(tables, { features: FEATURES, period: 'month' });
  const t = performance.now() - t0;
  if (rows.length === 0) throw new Error('featureAdoption answered no rows');
  return t;
}

async function timed(runs: number, fn: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await fn());
  return median(times);
}

async function size(n: number): Promise<void> {
  const data = generate(n);
  const raw = rawTables.activity(data.activity, data.customers.ids);
  const iso = Array.from(data.activity.at, (t) => new Date(t).toISOString());
  const ids = raw.array('customer_id') as string[];
  const events = raw.array('event') as string[];
  const json = JSON.stringify(
    Array.from({ length: n }, (_, i) => ({ customer_id: ids[i], at: iso[i], event: events[i] })),
  );
  const arrow = toArrowIPC(raw, { format: 'stream' });
  const json_ = () =>
    new JsonAdapter({ base: '/api', id: 'bench', fetch: mockedFetch(json, 'application/json') });
  const arrow_ = () =>
    new JsonAdapter({
      base: '/api',
      id: 'bench',
      arrow: true,
      fetch: mockedFetch(arrow, ARROW_STREAM),
    });

  const network = await timed(RUNS, () => firstChart(json_));
  const networkArrow = await timed(RUNS, () => firstChart(arrow_));

  for (const normalize of [false, true]) {
    // First visit: network, then the table is stored (the write after the first chart, in the background).
    const cache = await openIdbCache({ name: DB });
    await cache.clear();
    const cold = new CachedAdapter(json_(), { cache, scope: 'bench', normalize });
    const coldMs = await firstChart(() => cold);
    const s0 = performance.now();
    await cold.idle();
    const storeMs = performance.now() - s0;
    cache.close();
    const c1 = await openIdbCache({ name: DB });
    const stored = (await c1.get({ scope: 'bench', adapterId: 'bench', table: 'activity' }))!.bytes
      .byteLength;
    c1.close();

    // Next visits: opening the database is counted, as a new page must open it.
    const warm = await timed(RUNS, async () => {
      let c: IdbCache | undefined;
      const t = await firstChart(async () => {
        c = await openIdbCache({ name: DB });
        return new CachedAdapter(json_(), { cache: c, scope: 'bench', normalize });
      });
      c?.close();
      return t;
    });
    if (normalize) breakdowns.push(`${n.toLocaleString('en')} events: ${await breakdown()}`);
    log(
      `| ${n.toLocaleString('en')} | ${normalize ? 'normalized' : 'raw'} | ${(stored / MB).toFixed(1)} MB | ${ms(network)} | ${ms(networkArrow)} | ${ms(coldMs)} + ${ms(storeMs)} store | **${ms(warm)}** | ${(network / warm).toFixed(1)}× |`,
    );
  }
}

const breakdowns: string[] = [];

/** Where a warm normalized first chart spends its time: open + get, decode, metric (frame included). */
async function breakdown(): Promise<string> {
  const parts = [0, 0, 0, 0];
  for (let r = 0; r < RUNS; r++) {
    collect();
    const t0 = performance.now();
    const c = await openIdbCache({ name: DB });
    const entry = await c.get({ scope: 'bench', adapterId: 'bench', table: 'activity' });
    const t1 = performance.now();
    const { table } = normalizedCodec(NORMALIZED_SCHEMA_VERSION).decode(entry!.bytes);
    const t2 = performance.now();
    const frame = frameOf(table);
    frame.time('at');
    frame.dict('event');
    frame.dict('customer_id');
    const t3 = performance.now();
    featureAdoption({ activity: table }, { features: FEATURES, period: 'month' });
    const t4 = performance.now();
    c.close();
    parts[0] += t1 - t0;
    parts[1] += t2 - t1;
    parts[2] += t3 - t2;
    parts[3] += t4 - t3;
  }
  const [get, decode, frame, metric] = parts.map((p) => ms(p / RUNS));
  return `open + get ${get}, decode ${decode}, frame (dictionary codes of 2 string columns) ${frame}, metric ${metric} (mean of ${RUNS})`;
}

/** put/get of one entry of `bytes` bytes, plain and encrypted, in ms per MB. */
async function perMb(bytes: number): Promise<void> {
  const payload = crypto.getRandomValues(new Uint8Array(Math.min(bytes, 65536)));
  const big = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += payload.length)
    big.set(payload.subarray(0, Math.min(payload.length, bytes - i)), i);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  for (const [label, encryptionKey] of [
    ['plain', undefined],
    ['AES-GCM', key],
  ] as const) {
    const cache = await openIdbCache({ name: DB, encryptionKey });
    const puts: number[] = [];
    const gets: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const k = { scope: 'bench', adapterId: 'mb', table: `t${r}` };
      let t0 = performance.now();
      await cache.put(k, { bytes: big, fetchedAt: Date.now(), schemaVersion: 1 });
      puts.push(performance.now() - t0);
      t0 = performance.now();
      const got = await cache.get(k);
      gets.push(performance.now() - t0);
      if (got?.bytes.byteLength !== bytes) throw new Error('put/get lost bytes');
    }
    await cache.clear();
    cache.close();
    const mb = bytes / MB;
    log(
      `| ${label} | ${mb.toFixed(0)} MB | ${(median(puts) / mb).toFixed(1)} ms/MB | ${(median(gets) / mb).toFixed(1)} ms/MB |`,
    );
  }
}

async function main(): Promise<void> {
  log(`Median of ${RUNS} runs. featureAdoption by month over 3 features, on N activity events.`);
  log('');
  log(
    '| events | stored as | Arrow IPC stored | network, JSON | network, Arrow | first visit (cache cold) | warm cache | network JSON / warm |',
  );
  log('|---|---|---|---|---|---|---|---|');
  for (const n of SIZES) await size(n);
  log('');
  for (const b of breakdowns) log(`- warm, normalized, ${b}`);
  log('');
  log('| entry | size | put | get |');
  log('|---|---|---|---|');
  await perMb(16 * MB);
  indexedDB.deleteDatabase(DB);
  window.__bench = { done: true, lines };
}
main().catch((e: unknown) => (window.__bench = { error: String((e as Error)?.stack ?? e) }));
