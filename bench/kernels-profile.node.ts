// Kernel against hand loop in Node, for profiling one metric at a time (the browser
// bench, bench/metrics.html, gives the figures of RESULTS.md):
//   node --import tsx bench/kernels-profile.node.ts [events] [metric,metric] [runs]
import { frameOf } from '../src/data/frame.js';
import { validate } from '../src/data/validate.js';
import { CASES, type Normalized, type TableKey } from './cases.js';
import { generate, rawTables } from './generate.js';

const n = Number(process.argv[2] ?? 1_000_000);
const only = process.argv[3]?.split(',');
const runs = Number(process.argv[4] ?? 7);
const d = generate(n);
const ids = d.customers.ids;
const raw = {
  customers: rawTables.customers(d.customers),
  activity: rawTables.activity(d.activity, ids),
  surveys: rawTables.surveys(d.surveys, ids),
  tickets: rawTables.tickets(d.tickets, ids),
};
const t = {} as Normalized;
for (const k of Object.keys(raw) as TableKey[]) t[k] = validate({ [k]: raw[k] }).tables[k]!;
void frameOf;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const c of CASES) {
  if (only && !only.includes(c.name)) continue;
  const k: number[] = [];
  const h: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    c.kernel(t);
    k.push(performance.now() - t0);
    t0 = performance.now();
    c.hand(d);
    h.push(performance.now() - t0);
  }
  console.log(`${c.name}: kernel ${med(k).toFixed(1)} ms, hand ${med(h).toFixed(1)} ms, ${(med(k) / med(h)).toFixed(2)}×`);
}
