// Two versions of the kernels against the hand loops in one Node process, interleaved
// run by run (before, after, hand), each version on tables its own `validate` made:
//   git archive <commit> src bench demo package.json | tar -x -C /tmp/before
//   ln -s $PWD/node_modules /tmp/before/node_modules
//   node --import tsx bench/kernels-before-after.node.ts /tmp/before [events] [metric,metric] [runs]
// Every run's rows are checked equal between the two versions (JSON text) before timing.
import { pathToFileURL } from 'node:url';
import { CASES, type Normalized, type TableKey } from './cases.js';
import { generate, rawTables } from './generate.js';
import { validate } from '../src/data/validate.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: kernels-before-after.node.ts <before dir> [events] [metrics] [runs]');
const n = Number(process.argv[3] ?? 1_000_000);
const only = process.argv[4]?.split(',');
const runs = Number(process.argv[5] ?? 7);
const before = (await import(pathToFileURL(`${dir}/bench/cases.ts`).href)) as { CASES: typeof CASES };
const beforeValidate = ((await import(pathToFileURL(`${dir}/src/data/validate.ts`).href)) as { validate: typeof validate }).validate;
const d = generate(n);
const ids = d.customers.ids;
const raw = {
  customers: rawTables.customers(d.customers),
  activity: rawTables.activity(d.activity, ids),
  surveys: rawTables.surveys(d.surveys, ids),
  tickets: rawTables.tickets(d.tickets, ids),
};
const tNow = {} as Normalized;
const tBefore = {} as Normalized;
for (const k of Object.keys(raw) as TableKey[]) {
  tNow[k] = validate({ [k]: raw[k] }).tables[k]!;
  tBefore[k] = beforeValidate({ [k]: raw[k] }).tables[k]! as Normalized[TableKey] as never;
}
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`events ${n}, runs ${runs}`);
for (const c of CASES) {
  if (only && !only.includes(c.name)) continue;
  const old = before.CASES.find((b) => b.name === c.name)!;
  if (JSON.stringify(old.kernel(tBefore)) !== JSON.stringify(c.kernel(tNow))) throw new Error(`${c.name}: rows differ`);
  const b: number[] = [];
  const a: number[] = [];
  const h: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    old.kernel(tBefore);
    b.push(performance.now() - t0);
    t0 = performance.now();
    c.kernel(tNow);
    a.push(performance.now() - t0);
    t0 = performance.now();
    c.hand(d);
    h.push(performance.now() - t0);
  }
  const f = (x: number) => x.toFixed(1);
  console.log(
    `| ${c.name} | ${n} | ${f(med(b))} ms | ${f(med(a))} ms | ${f(med(h))} ms | ${(med(b) / med(h)).toFixed(2)}× | ${(med(a) / med(h)).toFixed(2)}× |`,
  );
}
