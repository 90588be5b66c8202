// The metric kernels bench (issue 3, `npm run bench` → bench/run.mjs): for each size,
// generate the four tables, validate them (timed once), build the typed frames
// (timed once), then time every kernel, its hand loop and its Arquero version,
// interleaved run by run, after checking that their answers agree.
// Query: ?sizes=100000,1000000,5000000&runs=5&bigRuns=3&aqSkipMs=20000
import { frameOf } from '../src/data/frame.js';
import { validate } from '../src/data/validate.js';
import { CASES, fourWidgets, type Case, type Normalized, type TableKey } from './cases.js';
import { sameByKey, sameRows } from './check.js';
import { generate, rawTable, type BenchData } from './generate.js';
import { collect, heap, measure, median, pause, type Sample } from './measure.js';

declare global {
  interface Window {
    __bench?: { done?: boolean; error?: string; lines?: string[] };
    /** The structured results bench/run.mjs turns into the RESULTS.md section. */
    __metrics?: SizeResult[];
  }
}

export interface CaseResult {
  metric: string;
  what: string;
  n: number;
  runs: number;
  rows: number;
  kernelMs: number;
  handMs: number;
  /** Median Arquero time, or null when skipped (see aqNote). */
  aqMs: number | null;
  aqRuns: number;
  aqNote?: string;
  /** Largest heap growth seen across one kernel call (bytes). */
  kernelHeap: number;
}

export interface SizeResult {
  n: number;
  generateMs: number;
  validateMs: Record<TableKey, number>;
  framesMs: Record<TableKey, number>;
  /** Heap held by the normalized tables and their frames (bytes), and the run's peak above the start. */
  tablesHeap: number;
  peakHeap: number;
  cases: CaseResult[];
  together: { ms: number; runs: number };
}

const q = new URLSearchParams(location.search);
const SIZES = (q.get('sizes') ?? '100000,1000000,5000000').split(',').map(Number);
const RUNS = Number(q.get('runs') ?? 5);
const BIG_RUNS = Number(q.get('bigRuns') ?? 3);
const AQ_SKIP_MS = Number(q.get('aqSkipMs') ?? 20_000);
const TABLES: readonly TableKey[] = ['customers', 'activity', 'surveys', 'tickets'];
const log = (s: string) => console.log(s);

/** Validates one table at a time, so only one raw table is alive at once. */
function normalize(d: BenchData, s: Sample): { tables: Normalized; ms: Record<TableKey, number> } {
  const tables = {} as Normalized;
  const ms = {} as Record<TableKey, number>;
  for (const name of TABLES) {
    const table = rawTable(d, name);
    const { ms: took, value } = measure(() => validate({ [name]: table }), s);
    const { report } = value;
    if (report.rejected) throw new Error(`${name}: ${report.rejected} generated rows were rejected`);
    tables[name] = value.tables[name]!;
    ms[name] = took;
  }
  return { tables, ms };
}

/** The typed columns every kernel reads, encoded once per table (memoized on the table). */
const FRAME_COLUMNS: Record<TableKey, [string, 'time' | 'num' | 'dict'][]> = {
  customers: [['customer_id', 'dict'], ['signup_at', 'time'], ['churned_at', 'time']],
  activity: [['customer_id', 'dict'], ['at', 'time'], ['event', 'dict']],
  surveys: [['at', 'time'], ['kind', 'dict'], ['score', 'num'], ['channel', 'dict']],
  tickets: [['channel', 'dict'], ['opened_at', 'time'], ['first_response_at', 'time'], ['resolved_at', 'time'], ['contacts', 'num']],
};

function frames(tables: Normalized, s: Sample): Record<TableKey, number> {
  const ms = {} as Record<TableKey, number>;
  for (const name of TABLES) {
    ms[name] = measure(() => {
      const f = frameOf(tables[name]);
      for (const [column, kind] of FRAME_COLUMNS[name]) f[kind](column);
    }, s).ms;
  }
  return ms;
}

interface Plan {
  runs: number;
  /** Arquero runs, 0 to skip, and why. */
  aqRuns: number;
  aqNote?: string;
}

function planFor(c: Case, n: number, aqAt1M: Map<string, number>): Plan {
  const runs = n >= 5_000_000 ? BIG_RUNS : RUNS;
  const at1M = aqAt1M.get(c.name);
  if (n > 1_000_000 && at1M !== undefined && at1M > AQ_SKIP_MS) {
    return { runs, aqRuns: 0, aqNote: `skipped (${(at1M / 1000).toFixed(1)} s at 1M)` };
  }
  return { runs, aqRuns: runs };
}

/** Checks the three answers agree, then times them run by run (kernel, hand, Arquero). */
async function benchCase(c: Case, d: BenchData, t: Normalized, plan: Plan, s: Sample): Promise<CaseResult> {
  const rows = c.kernel(t);
  sameRows(`${c.name} kernel vs hand loop at ${d.activity.n}`, rows, c.hand(d), c.fields);
  const kernel: number[] = [];
  const hand: number[] = [];
  const aq: number[] = [];
  let kernelHeap = 0;
  for (let r = 0; r < plan.runs; r++) {
    const k = measure(() => c.kernel(t), s);
    kernel.push(k.ms);
    kernelHeap = Math.max(kernelHeap, k.heapGrowth);
    hand.push(measure(() => c.hand(d), s).ms);
    if (r < plan.aqRuns) {
      const a = measure(() => c.arquero(t), s);
      if (r === 0) sameByKey(`${c.name} Arquero vs hand loop at ${d.activity.n}`, a.value, c.hand(d), c.arqueroFields);
      aq.push(a.ms);
    }
    await pause();
  }
  return {
    metric: c.name, what: c.what, n: d.activity.n, runs: plan.runs, rows: rows.length,
    kernelMs: median(kernel), handMs: median(hand), aqMs: aq.length ? median(aq) : null,
    aqRuns: aq.length, aqNote: plan.aqNote, kernelHeap,
  };
}

async function benchSize(n: number, aqAt1M: Map<string, number>): Promise<SizeResult> {
  collect();
  const s: Sample = { base: heap(), peak: 0 };
  const gen = measure(() => generate(n), s);
  const d = gen.value;
  collect();
  const generated = heap();
  await pause();
  const { tables, ms: validateMs } = normalize(d, s);
  const framesMs = frames(tables, s);
  collect();
  // The normalized tables and frames, beyond the generator's own columns (which share the customer id strings).
  const tablesHeap = heap() - generated;
  log(`${n}: generated ${gen.ms.toFixed(0)} ms, validated ${JSON.stringify(validateMs)}, frames ${JSON.stringify(framesMs)}`);
  const cases: CaseResult[] = [];
  for (const c of CASES) {
    const result = await benchCase(c, d, tables, planFor(c, n, aqAt1M), s);
    if (n === 1_000_000 && result.aqMs !== null) aqAt1M.set(c.name, result.aqMs);
    log(`  ${c.name}: kernel ${result.kernelMs.toFixed(1)} ms, hand ${result.handMs.toFixed(1)} ms, Arquero ${result.aqMs?.toFixed(0) ?? result.aqNote}`);
    cases.push(result);
  }
  const together: number[] = [];
  for (let r = 0; r < (n >= 5_000_000 ? BIG_RUNS : RUNS); r++) together.push(measure(() => fourWidgets(tables), s).ms);
  return { n, generateMs: gen.ms, validateMs, framesMs, tablesHeap, peakHeap: s.peak, cases, together: { ms: median(together), runs: together.length } };
}

async function main() {
  const results: SizeResult[] = [];
  const aqAt1M = new Map<string, number>();
  for (const n of SIZES) {
    results.push(await benchSize(n, aqAt1M));
    collect();
    await pause();
  }
  window.__metrics = results;
  window.__bench = { done: true, lines: [`${results.length} sizes measured`] };
}

main().catch((e: unknown) => (window.__bench = { error: String((e as Error)?.stack ?? e) }));
