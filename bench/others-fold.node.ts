// The cost of folding into "(others)" at a SQL source for the metrics whose figures do
// not add up across segments (ticketStats, funnel, featureAdoption: compile/fold-later.ts),
// on the seeded health plan's DuckDB file (opened read-only by the source). Per metric and
// `by`, interleaved in each run: the query without a limit (the unfolded statement), with
// a maxSegments it stays under (the same statement: nothing more runs), and with a
// maxSegments that folds (the statement, the segments' weights, then "(others)" alone).
// Prints a Markdown table of medians, with the load average.
//   npx tsx bench/others-fold.node.ts FILE [runs=3] [--only=TEXT|TEXT…]  (the cases whose label holds a TEXT)
import { loadavg } from 'node:os';
import { groupedCount } from '../src/metrics/others.js';
import type { MetricQuery } from '../src/query/types.js';
import { createSqlSource } from '../src/server/index.js';

const FILE = process.argv[2];
const RUNS = Number(process.argv[3] ?? 3);
const ONLY = (process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '').split('|');
const FROM = '2025-11-01';
const TO = '2026-11-01';
const k = 11;

interface Case {
  label: string;
  base: MetricQuery;
  /** A maxSegments the answer stays under, and one that folds. */
  under: number;
  folds: number;
}

const STEPS = ['signup', 'first_login', 'profile_completed', 'booked_appointment', 'teleconsult'];
const FEATURES = ['teleconsult', 'lab_results', 'prescription_renewal', 'chat_with_nurse'];

const CASES: Case[] = [
  { label: 'ticketStats by revenue', base: { metric: 'ticketStats', options: { by: 'revenue', from: FROM, to: TO, minCellSize: k } }, under: 1000, folds: 6 },
  { label: 'ticketStats by customer_id', base: { metric: 'ticketStats', options: { by: 'customer_id', from: FROM, to: TO, minCellSize: k } }, under: 10_000_000, folds: 8 },
  { label: 'funnel by revenue (5 steps)', base: { metric: 'funnel', options: { by: 'revenue', steps: STEPS, from: FROM, to: TO, minCellSize: k } }, under: 1000, folds: 6 },
  { label: 'funnel by customer_id (5 steps)', base: { metric: 'funnel', options: { by: 'customer_id', steps: STEPS, from: FROM, to: TO, minCellSize: k } }, under: 10_000_000, folds: 8 },
  {
    label: 'featureAdoption by revenue (4 features, monthly)',
    base: { metric: 'featureAdoption', options: { by: 'revenue', features: FEATURES, period: 'month', from: FROM, to: TO, minCellSize: k } },
    under: 1000,
    folds: 6,
  },
  {
    label: 'featureAdoption by customer_id (4 features, monthly)',
    base: { metric: 'featureAdoption', options: { by: 'customer_id', features: FEATURES, period: 'month', from: FROM, to: TO, minCellSize: k } },
    under: 10_000_000,
    folds: 8,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

async function main(): Promise<void> {
  const source = createSqlSource({ engine: 'duckdb', path: FILE });
  const time = async (query: MetricQuery) => {
    const t0 = performance.now();
    const rows = await source.aggregate(query);
    return { ms: performance.now() - t0, rows };
  };
  const loads: string[] = [loadavg().map((x) => x.toFixed(1)).join(' ')];
  await time({ metric: 'extent', options: { table: 'activity' } }); // validation once, before timing
  const out: string[] = [
    '| query | segments | no limit (unfolded statement) | under maxSegments | folding (maxSegments) | grouped | folding / unfolded |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const c of CASES.filter((x) => ONLY.some((t) => x.label.includes(t)))) {
    const variants: MetricQuery[] = [
      c.base,
      { ...c.base, options: { ...c.base.options, maxSegments: c.under } },
      { ...c.base, options: { ...c.base.options, maxSegments: c.folds } },
    ];
    const times: number[][] = variants.map(() => []);
    let segments = 0;
    let grouped = 0;
    for (let r = 0; r < RUNS; r++) {
      // Interleaved, the order turning each run.
      for (let i = 0; i < variants.length; i++) {
        const v = (i + r) % variants.length;
        const { ms, rows } = await time(variants[v]);
        times[v].push(ms);
        const seg = (row: Record<string, unknown>) => (c.base.metric === 'ticketStats' ? row.channel : row.segment);
        if (v === 0) segments = new Set(rows.map(seg)).size;
        if (v === 2) grouped = groupedCount(rows);
      }
    }
    const [none, under, fold] = times.map(median);
    out.push(`| ${c.label} | ${segments} | ${fmt(none)} | ${fmt(under)} (${c.under}) | ${fmt(fold)} (${c.folds}) | ${grouped} | ${(fold / none).toFixed(2)}× |`);
    loads.push(loadavg().map((x) => x.toFixed(1)).join(' '));
    console.error(out[out.length - 1]);
  }
  await source.close();
  console.log(out.join('\n'));
  console.log(`\nload average (1, 5, 15 min) at the start and after each query: ${loads.join(' → ')}`);
}

await main();
