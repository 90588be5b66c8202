// The kernels against the hand loops in Chromium, as bench/kernels-before-after.node.ts
// does in Node (bench/run-kernels.mjs drives it): one page, contenders interleaved run
// by run in a rotating order, each version on tables its own `validate` made.
// Query: ?n=1000000&runs=9&metrics=channelCsat,funnel&before=1&aq=1
// Each contender, in its turn, is called twice: "cold", right after two full collections
// (which also drop the optimized code of its loops, compiled on stack replacement, so
// the call tiers up again, as a first call does), then "warm", at once (its loops'
// code still there, as in bench/kernels-before-after.node.ts). before=1 imports
// bench/out/before/ (a `git archive` of the commit to compare). aq=1 also runs the
// Arquero version between rounds, untimed, for its garbage.
import { CASES, type Case, type Normalized } from './cases.js';
import { sameRows } from './check.js';
import { generate, rawTable, type BenchData } from './generate.js';
import { validate } from '../src/data/validate.js';
import { collect, median, pause } from './measure.js';

declare global {
  interface Window {
    __kernels?: KernelResult[];
  }
}

export interface KernelResult {
  metric: string;
  /** Every run's time per contender (ms), in run order. */
  times: Record<string, number[]>;
  median: Record<string, number>;
}

type Validate = typeof validate;
interface Version {
  name: string;
  cases: readonly Case[];
  tables: Normalized;
}

const q = new URLSearchParams(location.search);
const N = Number(q.get('n') ?? 1_000_000);
const RUNS = Number(q.get('runs') ?? 9);
const ONLY = q.get('metrics')?.split(',');
const WITH_AQ = q.get('aq') === '1';
const log = (s: string) => console.log(s);

function tablesOf(d: BenchData, v: Validate): Normalized {
  const t = {} as Normalized;
  for (const k of ['customers', 'activity', 'surveys', 'tickets'] as const) t[k] = v({ [k]: rawTable(d, k) }).tables[k]!;
  return t;
}

async function versions(d: BenchData): Promise<Version[]> {
  const all: Version[] = [{ name: 'after', cases: CASES, tables: tablesOf(d, validate) }];
  if (q.get('before') !== '1') return all;
  // A path the bundler cannot follow at build time: only this dev-served page loads it.
  const dir = '/bench/out/before';
  const b = (await import(/* @vite-ignore */ `${dir}/bench/cases.ts`)) as { CASES: readonly Case[] };
  const bv = (await import(/* @vite-ignore */ `${dir}/src/data/validate.ts`)) as { validate: Validate };
  all.unshift({ name: 'before', cases: b.CASES, tables: tablesOf(d, bv.validate) });
  return all;
}

function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function benchMetric(name: string, vs: Version[], d: BenchData): Promise<KernelResult> {
  const hand = CASES.find((c) => c.name === name)!;
  const calls: [string, () => unknown][] = vs.map((v) => {
    const c = v.cases.find((x) => x.name === name)!;
    sameRows(`${name} ${v.name} vs hand loop`, c.kernel(v.tables), hand.hand(d), hand.fields);
    return [v.name, () => c.kernel(v.tables)];
  });
  calls.push(['hand', () => hand.hand(d)]);
  const times: Record<string, number[]> = Object.fromEntries(calls.flatMap(([k]) => [[k, []], [`${k} cold`, []]]));
  for (let r = 0; r < RUNS; r++) {
    // Rotate who goes first, so no contender always runs right after another's garbage.
    for (let i = 0; i < calls.length; i++) {
      const [k, fn] = calls[(i + r) % calls.length];
      collect();
      times[`${k} cold`].push(timed(fn));
      times[k].push(timed(fn));
    }
    if (WITH_AQ) hand.arquero(vs[vs.length - 1].tables);
    await pause();
  }
  const med = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  const f = (x: number) => x.toFixed(1);
  const ratios = vs.flatMap((v) => [`${v.name}/hand ${(med[v.name] / med.hand).toFixed(2)}×`, `cold ${(med[`${v.name} cold`] / med['hand cold']).toFixed(2)}×`]);
  log(`${name}: ${Object.entries(med).map(([k, v]) => `${k} ${f(v)}`).join(', ')} ms; ${ratios.join(', ')}`);
  return { metric: name, times, median: med };
}

async function main() {
  const d = generate(N);
  const vs = await versions(d);
  collect();
  await pause();
  const out: KernelResult[] = [];
  for (const c of CASES) if (!ONLY || ONLY.includes(c.name)) out.push(await benchMetric(c.name, vs, d));
  window.__kernels = out;
  window.__bench = { done: true, lines: [`${out.length} metrics`] };
}

main().catch((e: unknown) => (window.__bench = { error: String((e as Error)?.stack ?? e) }));
