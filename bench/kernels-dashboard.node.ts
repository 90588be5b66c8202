// The kernels of the demo dashboard's cold draw, in Node: the 19 queries the dashboard
// sends (bench/scale-dashboard-queries.json, moved to the worker bench's range
// 2025-01-01 … 2026-01-01) over the worker bench's tables (bench/dataplane-data.ts),
// each run once in a fresh process (code not yet compiled, as in a new worker), then
// again (warm). CPU time per query (process.cpuUsage: this process, compiler threads
// included), the kpis spark queries' share spent on range cards nobody reads, and the
// spark queries as the card asks them now (`sparklineOnly`).
//   node --import tsx bench/kernels-dashboard.node.ts [events=1000000]
import { readFileSync } from 'node:fs';
import { benchTables } from './dataplane-data.js';
import { validate } from '../src/data/validate.js';
import { runQuery } from '../src/query/run.js';
import type { Tables } from '../src/data/schema.js';

const n = Number(process.argv[2] ?? 1_000_000);
const raw = benchTables(n);
const tables: Tables = {};
for (const k of ['customers', 'activity', 'surveys', 'tickets'] as const) tables[k] = validate({ [k]: raw[k] }).tables[k]!;
// The scale plan ends 2026-11-01; the worker bench's dashboard ends 2026-01-01.
const SHIFT = Date.UTC(2026, 0, 1) - Date.UTC(2026, 10, 1);
const shift = (v: unknown): unknown => {
  if (typeof v === 'number' && v > 1e12) return v + SHIFT;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(Date.parse(v) + SHIFT + 12 * 3600_000);
    return `${d.toISOString().slice(0, 8)}01`;
  }
  return v;
};
type Q = { metric: string; options: Record<string, unknown> };
const plan = (JSON.parse(readFileSync(new URL('./scale-dashboard-queries.json', import.meta.url), 'utf8')) as Q[]).map((q) => ({
  metric: q.metric,
  options: Object.fromEntries(Object.entries(q.options).map(([k, v]) => [k, shift(v)])),
}));
const cpu = (fn: () => unknown): number => {
  const t0 = process.cpuUsage();
  fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000;
};
const label = (q: Q) => `${q.metric}${q.metric === 'kpis' ? ` ${String((q.options.metrics as string[])[0])}${q.options.period ? ' spark' : ''}` : ''}`;
const f = (x: number) => x.toFixed(1);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const cold = plan.map((q) => cpu(() => runQuery(tables, q)));
const warm = plan.map((q) => cpu(() => runQuery(tables, q)));
// A spark query computes the range cards too; the card reads only its sparkline. The same
// query without `period` is that part (warm).
const isSpark = (q: Q) => q.metric === 'kpis' && Boolean(q.options.period);
const sparkMain = plan.map((q) => (isSpark(q) ? cpu(() => runQuery(tables, { ...q, options: { ...q.options, period: undefined } })) : 0));
// What the card asks now (components/kpi/queries.ts): the sparkline alone (warm).
const sparkOnly = plan.map((q) => (isSpark(q) ? cpu(() => runQuery(tables, { ...q, options: { ...q.options, sparklineOnly: true } })) : 0));
console.log(`events ${n}: the dashboard's ${plan.length} queries, CPU ms`);
console.log('| query | cold (first call) | warm | of which range cards the card does not read (warm) | with sparklineOnly (warm) |');
console.log('|---|--:|--:|--:|--:|');
plan.forEach((q, i) => console.log(`| ${label(q)} | ${f(cold[i])} | ${f(warm[i])} | ${sparkMain[i] ? f(sparkMain[i]) : ''} | ${sparkOnly[i] ? f(sparkOnly[i]) : ''} |`));
console.log(`| **all** | **${f(sum(cold))}** | **${f(sum(warm))}** | **${f(sum(sparkMain))}** | **${f(sum(sparkOnly))}** |`);
