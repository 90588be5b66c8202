// The worker bench's ingest (bench/worker.ts: Arquero's toArrowIPC of the demo's tables, strings
// as Arrow dictionaries, times as doubles) in a fresh Node process, as the worker meets it on a
// cold load: every function runs for the first time. Each table is decoded and validated in the
// worker's order, then the frame columns a dashboard reads are made; each step's CPU
// time of the thread that ran it (/proc/thread-self/schedstat, in ns: what other processes' load
// barely moves, unlike the wall clock; V8's helper threads not counted) is printed as one JSON line,
// with the whole process's CPU (helpers included: GC, compilers) as `processCpu`.
//   node --import tsx bench/cold-ingest.node.ts [events] [source root, default .] [--write]
// The bytes are generated once into bench/out/cold-ingest-N/ (`--write`); the source root lets a
// checkout of another commit (its src/) ingest the same bytes: run both alternately, one process each.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [events = '1000000', root = '.'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dir = resolve(`bench/out/cold-ingest-${events}`);
const ORDER = ['customers', 'surveys', 'tickets', 'activity'] as const;
// What the dashboard's kernels read of each table's frame (dictionaries as validation left them).
const DICTS: Record<string, string[]> = { customers: ['customer_id', 'plan'], surveys: ['customer_id', 'kind', 'channel'], tickets: ['customer_id', 'channel'], activity: ['customer_id', 'event'] };

if (process.argv.includes('--write') || !existsSync(`${dir}/activity.arrow`)) {
  const { toArrowIPC } = await import('arquero');
  const { benchTables } = await import('./dataplane-data.js');
  mkdirSync(dir, { recursive: true });
  for (const [name, t] of Object.entries(benchTables(Number(events)))) writeFileSync(`${dir}/${name}.arrow`, toArrowIPC(t, { format: 'stream' }) as Uint8Array);
}
const src = (path: string) => import(pathToFileURL(resolve(root, 'src', path)).href);
const { loadArrow } = await src('adapters/arrow-codec.ts');
const { decodeArrow } = await src('adapters/arrow-decode.ts');
const { validate } = await src('data/validate.ts');
const { frameOf } = await src('data/frame.ts');
await loadArrow();
// `--warm=N`: first the same ingest of N events' tables (generated here), untimed: how much of
// the cold figure is V8 running the per-row loops before it has optimized them.
const warm = Number(process.argv.find((a) => a.startsWith('--warm='))?.slice(7) ?? 0);
if (warm) {
  const { toArrowIPC } = await import('arquero');
  const { benchTables } = await import('./dataplane-data.js');
  for (const [name, t] of Object.entries(benchTables(warm))) {
    const v = validate({ [name]: decodeArrow(toArrowIPC(t, { format: 'stream' }) as Uint8Array, name) });
    for (const c of DICTS[name]) frameOf(v.tables[name]).dict(c).codes;
  }
}

const cpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const out: Record<string, number> = {};
const start = cpu();
const startProcess = processCpu();
for (const name of ORDER) {
  const bytes = new Uint8Array(readFileSync(`${dir}/${name}.arrow`));
  let t = cpu();
  const table = decodeArrow(bytes, name);
  out[`${name}.decode`] = cpu() - t;
  t = cpu();
  const v = validate({ [name]: table });
  out[`${name}.validate`] = cpu() - t;
  t = cpu();
  const frame = frameOf(v.tables[name]);
  for (const c of DICTS[name]) frame.dict(c).codes;
  out[`${name}.frame`] = cpu() - t;
  out[`${name}.rejected`] = v.report.rejected;
}
out.total = cpu() - start;
out.processCpu = processCpu() - startProcess;
console.log(JSON.stringify({ root, events: Number(events), ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v)])) }));
