// Arrow ingest (decode + validate), an earlier version against this one in one process,
// run by run alternated, each on the same bytes; results checked equal first:
//   git archive <commit> src | tar -x -C /tmp/before; ln -s $PWD/node_modules /tmp/before/node_modules
//   node --import tsx bench/ingest-before-after.node.ts /tmp/before [events] [runs] [tables]
// Prints per table the fastest and median of each, in ms of this process's CPU time
// (process.cpuUsage: on a shared, loaded machine wall time counts other work's slices).
import { pathToFileURL } from 'node:url';
import type { ColumnTable } from 'arquero';
import { decodeArrow } from '../src/adapters/arrow-decode.js';
import { loadArrow } from '../src/adapters/arrow-codec.js';
import type { TableName } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { benchTables } from './dataplane-data.js';
import { encode } from './ingest-data.js';

const [dir, events = '1000000', runArg = '9', tableArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: ingest-before-after.node.ts <before dir> [events] [runs] [tables]');
const load = async <T>(path: string) => (await import(pathToFileURL(`${dir}/src/${path}`).href)) as T;
const old = {
  ...(await load<{ decodeArrow: typeof decodeArrow }>('adapters/arrow-decode.ts')),
  ...(await load<{ validate: typeof validate }>('data/validate.ts')),
};
await (await load<{ loadArrow: typeof loadArrow }>('adapters/arrow-codec.ts')).loadArrow();
await loadArrow();

type Ingest = (bytes: Uint8Array, name: TableName) => { table: ColumnTable; report: unknown };
const versions: [string, Ingest][] = [
  ['before', (b, name) => {
    const v = old.validate({ [name]: old.decodeArrow(b, name) });
    return { table: v.tables[name]!, report: v.report };
  }],
  ['after', (b, name) => {
    const v = validate({ [name]: decodeArrow(b, name) });
    return { table: v.tables[name]!, report: v.report };
  }],
];

/** The table's rows and report as JSON text: equal text, equal results. */
const text = ({ table, report }: { table: ColumnTable; report: unknown }) =>
  JSON.stringify({ rows: table.objects(), report });

const runs = Number(runArg);
const raw = benchTables(Number(events));
const tables = (tableArg?.split(',') ?? ['customers', 'activity', 'surveys', 'tickets']) as TableName[];
console.log(`${events} events, ${runs} runs each, alternated: fastest / median CPU ms`);
for (const name of tables) {
  const bytes = encode(name, raw[name]).arrow;
  const [a, b] = versions.map(([, f]) => text(f(bytes, name)));
  if (a !== b) throw new Error(`${name}: the two versions differ`);
  const ms: Record<string, number[]> = {};
  for (let r = 0; r < runs; r++) {
    for (const [v, f] of r % 2 ? versions : [...versions].reverse()) {
      const t0 = process.cpuUsage();
      f(bytes, name);
      const used = process.cpuUsage(t0);
      (ms[v] ??= []).push((used.user + used.system) / 1000);
    }
  }
  const stat = (v: string) => {
    const s = [...ms[v]].sort((x, y) => x - y);
    return `${s[0].toFixed(1)} / ${s[s.length >> 1].toFixed(1)}`;
  };
  console.log(`${name.padEnd(10)} before ${stat('before').padStart(14)}   after ${stat('after').padStart(14)}`);
}
