// Cross-filters as frame views (src/query/filter.ts) against copied tables
// (src/data/filter.ts, `filterTables`), at 1M activity, survey and ticket rows and
// 100k customers: the filter itself, then the columns a widget's kernel reads.
//   npx tsx bench/query-filter.node.ts [runs]
import { frameOf, type Frame } from '../src/data/frame.js';
import { filterTables, type TableFilter } from '../src/data/filter.js';
import type { NormalizedTables, TableName } from '../src/data/schema.js';
import { validate } from '../src/data/validate.js';
import { filterFrames, type Frames } from '../src/query/filter.js';
import type { QueryFilter } from '../src/query/types.js';
import { generate, rawTables } from './generate.js';

const runs = Number(process.argv[2] ?? 5);
const N = 1_000_000;
const CUSTOMERS = 100_000;

const data = generate(N);
const ids = data.customers.ids;
const c = data.customers;
const customers = { ...c, n: CUSTOMERS, ids: ids.slice(0, CUSTOMERS), signup: c.signup.subarray(0, CUSTOMERS), churned: c.churned.subarray(0, CUSTOMERS), userType: { ...c.userType, codes: c.userType.codes.subarray(0, CUSTOMERS) } };
const { tables } = validate({
  customers: rawTables.customers(customers),
  activity: rawTables.activity(data.activity, ids),
  surveys: rawTables.surveys(data.surveys, ids),
  tickets: rawTables.tickets(data.tickets, ids),
});
const names = Object.keys(tables) as TableName[];
const frames: Frames = Object.fromEntries(names.map((n) => [n, frameOf(tables[n]!)]));
// The columns the widgets' kernels read (activity: funnel; surveys: npsTrend/channelCsat).
const COLUMNS: Partial<Record<TableName, string[]>> = { activity: ['customer_id', 'at', 'event'], surveys: ['at', 'kind', 'score', 'channel'] };
for (const n of names) for (const col of COLUMNS[n] ?? []) touch(frames[n]!, n, col);

function touch(frame: Frame, table: TableName, col: string): void {
  if (col === 'at') frame.time('at');
  else if (col === 'score') frame.num('score');
  else frame.dict(col);
  void table;
}

/** Builds the kernel columns of every filtered table (what the widgets then pay). */
function columns(out: Frames): void {
  for (const n of Object.keys(COLUMNS) as TableName[]) for (const col of COLUMNS[n]!) touch(out[n]!, n, col);
}

// CPU time of this process (user + system), not wall time: the machines are shared,
// and a wall clock counts the time other sessions hold the cores.
const time = (fn: () => void): number => {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const gc = (globalThis as { gc?: () => void }).gc;

interface Case {
  label: string;
  copy: TableFilter;
  views: (run: number) => QueryFilter[];
}

const TYPES = ['patient', 'doctor', 'admin'];
const CASES: Case[] = [
  { label: 'customer attribute (user_type)', copy: { segment: { by: 'user_type', value: 'doctor' } }, views: (r) => [{ column: 'user_type', values: [TYPES[r % 3]] }] },
  { label: 'channel', copy: { channel: 'chat' }, views: (r) => [{ column: 'channel', values: [['chat', 'app', 'email'][r % 3]] }] },
];

console.log(`Node ${process.version}; ${N.toLocaleString('en')} activity, survey and ticket rows, ${CUSTOMERS.toLocaleString('en')} customers; median of ${runs}, CPU time`);
for (const k of CASES) {
  const copy: number[] = [];
  const copyCols: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc?.();
    let out: NormalizedTables = {};
    copy.push(time(() => (out = filterTables(tables, k.copy))));
    const outFrames: Frames = Object.fromEntries(Object.entries(out).map(([n, t]) => [n, frameOf(t)]));
    copyCols.push(time(() => columns(outFrames)));
  }
  const first: number[] = [];
  const view: number[] = [];
  const viewCols: number[] = [];
  const hit: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc?.();
    let out: Frames = {};
    // A new filter value each run, so the view is built, not found in the memo.
    const t = time(() => (out = filterFrames(frames, k.views(r)).frames));
    (r === 0 ? first : view).push(t);
    viewCols.push(time(() => columns(out)));
    hit.push(time(() => filterFrames(frames, k.views(r))));
  }
  const f = (xs: number[]) => `${median(xs).toFixed(1)} ms`;
  console.log(`\n${k.label}`);
  console.log(`  filterTables (copies):           filter ${f(copy)}, kernel columns of activity + surveys ${f(copyCols)}, total ${f(copy.map((x, i) => x + copyCols[i]))}`);
  console.log(`  filterFrames (views), first call: ${f(first)} (joins built)`);
  console.log(`  filterFrames (views), new filter: filter ${f(view)}, kernel columns ${f(viewCols.slice(1))}, total ${f(view.map((x, i) => x + viewCols[i + 1]))}`);
  console.log(`  filterFrames, same filter again (memo hit): ${f(hit)}`);
}
