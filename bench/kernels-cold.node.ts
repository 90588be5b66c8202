// The kernels against the hand loops in Node as bench/metrics.ts times them in Chromium:
// each call right after two full collections ("cold"), timed by process.cpuUsage (this
// process's CPU, its compiler and GC threads included: another process's load does not
// count, a background compile of the kernel's code does), medians.
//   node --expose-gc --import tsx bench/kernels-cold.node.ts [events] [metric,metric] [runs] [before dir]
// With a before dir (a `git archive` of the commit to compare, as kernels-before-after.node.ts
// takes), its kernels run too, interleaved, on tables its own `validate` made.
import { pathToFileURL } from 'node:url';
import { CASES, type Normalized, type TableKey } from './cases.js';
import { generate, rawTable } from './generate.js';
import { validate } from '../src/data/validate.js';

const n = Number(process.argv[2] ?? 1_000_000);
const only = process.argv[3]?.split(',');
const runs = Number(process.argv[4] ?? 9);
const dir = process.argv[5];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const d = generate(n);
const KEYS: readonly TableKey[] = ['customers', 'activity', 'surveys', 'tickets'];
const raw = Object.fromEntries(KEYS.map((k) => [k, rawTable(d, k)])) as Record<TableKey, ReturnType<typeof rawTable>>;
type V = { name: string; cases: typeof CASES; t: Normalized };
const versions: V[] = [{ name: 'after', cases: CASES, t: {} as Normalized }];
if (dir) {
  const cases = ((await import(pathToFileURL(`${dir}/bench/cases.ts`).href)) as { CASES: typeof CASES }).CASES;
  const v = ((await import(pathToFileURL(`${dir}/src/data/validate.ts`).href)) as { validate: typeof validate }).validate;
  versions.unshift({ name: 'before', cases, t: {} as Normalized });
  for (const k of KEYS) versions[0].t[k] = v({ [k]: raw[k] }).tables[k]! as never;
}
for (const k of KEYS) versions[versions.length - 1].t[k] = validate({ [k]: raw[k] }).tables[k]!;
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const cpu = (fn: () => unknown) => {
  gc();
  gc();
  const t0 = process.cpuUsage();
  fn();
  const t1 = process.cpuUsage(t0);
  return (t1.user + t1.system) / 1000;
};
console.log(`events ${n}, runs ${runs}, CPU ms after two full GCs, medians`);
for (const c of CASES) {
  if (only && !only.includes(c.name)) continue;
  const calls: [string, () => unknown][] = versions.map((v) => {
    const k = v.cases.find((x) => x.name === c.name)!;
    return [v.name, () => k.kernel(v.t)];
  });
  calls.push(['hand', () => c.hand(d)]);
  if (dir && JSON.stringify(calls[0][1]()) !== JSON.stringify(calls[1][1]())) throw new Error(`${c.name}: rows differ`);
  const times: number[][] = calls.map(() => []);
  for (let r = 0; r < runs; r++) for (let i = 0; i < calls.length; i++) {
    const j = (i + r) % calls.length;
    times[j].push(cpu(calls[j][1]));
  }
  const m = times.map(med);
  const hand = m[m.length - 1];
  console.log(`| ${c.name} | ${calls.map(([k], i) => `${k} ${m[i].toFixed(1)}`).join(' | ')} | ${m.slice(0, -1).map((x) => `${(x / hand).toFixed(2)}×`).join(' | ')} |`);
}
