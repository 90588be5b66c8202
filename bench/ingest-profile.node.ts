// Profiles Pulso's ingest from Arrow in Node (no browser), per table and per phase:
//   node --import tsx [--cpu-prof] bench/ingest-profile.node.ts [events] [runs] [tables]
// Phases: decode (IPC bytes to an Arquero table of Arrow columns), each canonical column's
// read into typed arrays (columns.ts, read-numbers.ts; the same reads validate makes),
// validate as a whole (reads, checks, the normalized table), and the frame columns a
// metric reads. Each figure is the fastest of `runs` (the machine is shared: the
// fastest run is the one least slowed by other work), then the median, in ms.
import { decodeArrow } from '../src/adapters/arrow-decode.js';
import { cellsOf, readTimes } from '../src/data/columns.js';
import { readText } from '../src/data/sliced-read.js';
import { frameOf } from '../src/data/frame.js';
import { readNumbers } from '../src/data/read-numbers.js';
import { SCHEMA, type TableName } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { benchTables } from './dataplane-data.js';
import { encode, FRAME_COLUMNS } from './ingest-data.js';
import { loadArrow } from '../src/adapters/arrow-codec.js';

// decodeArrow below is synchronous: the Arrow codec (loaded on first use) comes first.
await loadArrow();

const n = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 5);
const only = process.argv[4]?.split(',');

function time<T>(times: Record<string, number[]>, key: string, f: () => T): T {
  const t0 = performance.now();
  const out = f();
  (times[key] ??= []).push(performance.now() - t0);
  return out;
}

const raw = benchTables(n);
console.log(`${n} events, ${runs} runs: fastest / median ms`);
for (const name of ['customers', 'activity', 'surveys', 'tickets'] as TableName[]) {
  if (only && !only.includes(name)) continue;
  const e = encode(name, raw[name]);
  const times: Record<string, number[]> = {};
  for (let r = 0; r < runs; r++) {
    const table = time(times, 'decode', () => decodeArrow(e.arrow, name));
    const rows = table.numRows();
    for (const spec of SCHEMA[name]) {
      time(times, `read ${spec.name} (${spec.kind})`, () => {
        const cells = cellsOf(table, spec.name);
        if (spec.kind === 'string') return readText(cells, rows);
        const out = new Float64Array(rows);
        (spec.kind === 'time' ? readTimes : readNumbers)(cells, rows, out, new Uint8Array(rows));
        return out;
      });
    }
    const v = time(times, 'validate (all)', () => validate({ [name]: table }));
    if (v.report.rejected) throw new Error(`${name}: ${v.report.rejected} rows rejected`);
    time(times, 'frame columns', () => {
      const f = frameOf(v.tables[name]!);
      for (const [c, k] of FRAME_COLUMNS[name]) f[k](c);
    });
  }
  console.log(`${name} (${e.rows} rows, ${(e.arrow.length / 1e6).toFixed(1)} MB of Arrow)`);
  for (const [k, v] of Object.entries(times)) {
    const s = [...v].sort((a, b) => a - b);
    console.log(`  ${k.padEnd(34)} ${s[0].toFixed(1).padStart(7)} / ${s[s.length >> 1].toFixed(1).padStart(7)}`);
  }
}
