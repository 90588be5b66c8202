// CSV ingest in Node: the string columns readCsv made before (parseCsv, an array of strings
// per column) against the UTF-8 columns it makes now (parseCsvColumns), in one process, run
// by run alternated, on the same text; results checked equal first. Each run is what the
// ingest bench times: parse, validate, and the frame columns a metric reads.
//   [PROFILE=out.cpuprofile] node --import tsx --expose-gc bench/csv-ingest.node.ts [events] [runs] [tables] [paths]
// PROFILE: a V8 CPU profile of the timed runs alone (not the data's making).
// Prints per table the fastest and median of each, in ms of this process's CPU time
// (process.cpuUsage: on a shared, loaded machine wall time counts other work's slices).
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { table as aqTable } from 'arquero';
import type { ColumnTable } from 'arquero';
import { parseCsv } from '../src/adapters/csv-parse.js';
import { readCsv } from '../src/adapters/csv-read.js';
import { storedName } from '../src/data/column-name.js';
import { frameOf } from '../src/data/frame.js';
import type { TableName } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { benchTables } from './dataplane-data.js';
import { encode, FRAME_COLUMNS } from './ingest-data.js';

const [events = '1000000', runArg = '5', tableArg, pathArg] = process.argv.slice(2);

/** The table as readCsv read it before: parseCsv's arrays of strings. */
function strings(text: string): ColumnTable {
  const parsed = parseCsv(text);
  const names = parsed.names.map(storedName);
  return aqTable(Object.fromEntries(names.map((n, i) => [n, parsed.columns[i]])), names);
}

const paths: Record<string, (text: string, name: TableName) => ColumnTable> = {
  strings: (text) => strings(text),
  utf8: (text, name) => readCsv(text, 'bench', name, {}),
};
const active = pathArg?.split(',') ?? Object.keys(paths);

function ingest(path: string, text: string, name: TableName) {
  const v = validate({ [name]: paths[path](text, name) });
  const table = v.tables[name]!;
  const f = frameOf(table);
  for (const [c, k] of FRAME_COLUMNS[name]) f[k](c);
  return { table, report: v.report };
}

/** The table's rows and report as JSON text: equal text, equal results. */
const text = ({ table, report }: ReturnType<typeof ingest>) => JSON.stringify({ rows: table.objects(), report });

const runs = Number(runArg);
const raw = benchTables(Number(events));
const tables = (tableArg?.split(',') ?? ['customers', 'activity', 'surveys', 'tickets']) as TableName[];
console.log(`${events} events, ${runs} runs each, alternated: fastest / median CPU ms`);
const totals: Record<string, number> = {};
const session = process.env.PROFILE ? new Session() : undefined;
session?.connect();
await session?.post('Profiler.enable');
await session?.post('Profiler.setSamplingInterval', { interval: 250 });
for (const name of tables) {
  const csv = encode(name, raw[name]).csv;
  if (active.length > 1 && Number(events) <= 1_000_000) {
    const [a, b] = active.map((p) => text(ingest(p, csv, name)));
    if (a !== b) throw new Error(`${name}: the paths differ`);
  }
  const ms: Record<string, number[]> = {};
  await session?.post('Profiler.start');
  for (let r = 0; r < runs; r++) {
    for (const p of r % 2 ? active : [...active].reverse()) {
      globalThis.gc?.();
      const t0 = process.cpuUsage();
      ingest(p, csv, name);
      const used = process.cpuUsage(t0);
      (ms[p] ??= []).push((used.user + used.system) / 1000);
    }
  }
  const profile = (await session?.post('Profiler.stop'))?.profile;
  if (profile) writeFileSync(process.env.PROFILE!.replace('.cpuprofile', `-${name}.cpuprofile`), JSON.stringify(profile));
  const stat = (p: string) => {
    const s = [...ms[p]].sort((x, y) => x - y);
    totals[p] = (totals[p] ?? 0) + s[s.length >> 1];
    return `${p} ${s[0].toFixed(0).padStart(6)} / ${s[s.length >> 1].toFixed(0).padStart(6)}`;
  };
  console.log(`${name.padEnd(10)} ${(csv.length / 1e6).toFixed(0).padStart(4)} MB  ${active.map(stat).join('   ')}`);
}
console.log(`all tables (sum of medians): ${active.map((p) => `${p} ${totals[p].toFixed(0)} ms`).join(', ')}`);
