// Past `maxSegments`, the smallest segments are folded into one "(others)" segment
// before any per-segment state is laid out: every metric with `by` keeps max − 1
// segments and "(others)", sums the folded rows into it, suppresses small cells of
// the folded rows, does not depend on row order, and `keepSegments` keeps exactly
// the segments named.
import { expect } from 'chai';
import { featureAdoption } from '../../src/metrics/adoption.js';
import { channelCsat } from '../../src/metrics/csat.js';
import { funnel } from '../../src/metrics/funnel.js';
import { gridOf } from '../../src/metrics/grid.js';
import { npsTrend } from '../../src/metrics/nps.js';
import { groupedCount, OTHERS } from '../../src/metrics/others.js';
import { retention } from '../../src/metrics/retention.js';
import { ticketStats } from '../../src/metrics/tickets.js';
import { runQuery } from '../../src/query/run.js';
import { bucketer } from '../../src/time/period.js';

/** Plan `p${i}` answers `sizes[i]` times in January and once in February. */
function surveys(sizes: readonly number[], kind = 'nps') {
  const rows: Record<string, unknown>[] = [];
  sizes.forEach((size, i) => {
    for (let j = 0; j < size; j++) rows.push({ at: '2025-01-15', kind, score: kind === 'nps' ? (j % 11) : 1 + (j % 5), plan: `p${i}`, channel: `c${i}` });
    rows.push({ at: '2025-02-15', kind, score: kind === 'nps' ? 10 : 5, plan: `p${i}`, channel: `c${i}` });
  });
  return rows;
}

const segmentsOf = (rows: readonly { segment?: string }[]) => [...new Set(rows.map((r) => r.segment))];

/** A seeded shuffle (mulberry32), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('others: segments past maxSegments', () => {
  const sizes = [50, 3, 40, 7, 30, 2, 20, 5];

  it('keeps the max − 1 largest segments and folds the rest into (others), last', () => {
    const rows = npsTrend(surveys(sizes), { by: 'plan', maxSegments: 4 });
    expect(segmentsOf(rows)).to.deep.equal(['p0', 'p2', 'p4', OTHERS]);
    const jan = rows.filter((r) => r.period === '2025-01-01');
    // p1, p3, p5, p6, p7 folded: 3 + 7 + 2 + 20 + 5 answers in January.
    expect(jan.find((r) => r.segment === OTHERS)!.n).to.equal(37);
    expect(jan.reduce((a, r) => a + r.n!, 0)).to.equal(157);
    expect(groupedCount(rows)).to.equal(5);
    // Without a limit, or under it, nothing is folded and nothing is said.
    const all = npsTrend(surveys(sizes), { by: 'plan' });
    expect(segmentsOf(all)).to.have.length(8);
    expect(groupedCount(all)).to.equal(0);
    expect(groupedCount(npsTrend(surveys(sizes), { by: 'plan', maxSegments: 8 }))).to.equal(0);
  });

  it('does not depend on row order; ties go by label', () => {
    const data = surveys([5, 5, 5, 5, 9]);
    const expected = npsTrend(data, { by: 'plan', maxSegments: 3 });
    expect(segmentsOf(expected)).to.deep.equal(['p0', 'p4', OTHERS]);
    for (let seed = 1; seed <= 5; seed++) expect(npsTrend(shuffled(data, seed), { by: 'plan', maxSegments: 3 })).to.deep.equal(expected);
  });

  it('folds a value that reads "(others)" into the one (others) segment', () => {
    const data = [...surveys([10, 9, 8]), ...surveys([1]).map((r) => ({ ...r, plan: OTHERS }))];
    const rows = npsTrend(data, { by: 'plan', maxSegments: 3 });
    expect(segmentsOf(rows)).to.deep.equal(['p0', 'p1', OTHERS]);
    expect(rows.find((r) => r.period === '2025-01-01' && r.segment === OTHERS)!.n).to.equal(8 + 1);
  });

  it('keeps exactly the segments of keepSegments', () => {
    const rows = npsTrend(surveys(sizes), { by: 'plan', keepSegments: ['p1', 'p7', 'nobody'] });
    expect(segmentsOf(rows)).to.deep.equal(['p1', 'p7', OTHERS]);
    expect(groupedCount(rows)).to.equal(6);
    // Every segment kept: nothing to fold, no (others).
    expect(segmentsOf(npsTrend(surveys([1, 2]), { by: 'plan', keepSegments: ['p0', 'p1'] }))).to.deep.equal(['p0', 'p1']);
  });

  it('suppresses small cells of the folded rows, as of any segment', () => {
    // January only: five plans of 4 answers are each hidden alone with k = 11; folded
    // into (others) together (16) they are shown.
    const data = surveys([30, 4, 4, 4, 4]).filter((r) => r.at === '2025-01-15');
    const plain = npsTrend(data, { by: 'plan', minCellSize: 11 });
    expect(plain.map((r) => r.n)).to.deep.equal([30, null, null, null, null]);
    const folded = npsTrend(data, { by: 'plan', minCellSize: 11, maxSegments: 2 });
    expect(folded.map((r) => [r.segment, r.n])).to.deep.equal([['p0', 30], [OTHERS, 16]]);
    // Three plans of 5: the folded (others) row of 10 is a small cell itself, and p0 hides beside it.
    const small = npsTrend(surveys([30, 5, 5]).filter((r) => r.at === '2025-01-15'), { by: 'plan', minCellSize: 11, maxSegments: 2 });
    expect(small.map((r) => [r.segment, r.n])).to.deep.equal([['p0', null], [OTHERS, null]]);
  });

  it('lays out the grid for max segments, not for every value', () => {
    const n = 100_000;
    const segments = { codes: Int32Array.from({ length: n }, (_, i) => i), labels: Array.from({ length: n }, (_, i) => `v${i}`) };
    const time = new Float64Array(n).fill(Date.UTC(2025, 0, 1));
    const grid = gridOf({ metric: 'test', time, range: { from: -Infinity, to: Infinity }, bucket: bucketer('month'), segments, limit: { max: 12 } });
    expect(grid.labels).to.have.length(12);
    expect(grid.cells).to.equal(12);
    expect(grid.grouped).to.equal(n - 11);
  });

  it('folds in every metric with by: CSAT, tickets, retention, funnel, adoption', () => {
    const csat = channelCsat(surveys(sizes, 'csat'), { maxSegments: 3 });
    expect(csat.map((r) => r.channel)).to.deep.equal(['c0', 'c2', OTHERS]);
    expect(csat[2].n).to.equal(sizes.reduce((a, b) => a + b + 1, 0) - 51 - 41);

    const tickets = sizes.flatMap((size, i) => Array.from({ length: size }, (_, j) => ({ ticket_id: `${i}-${j}`, channel: `c${i}`, opened_at: '2025-01-02' })));
    const stats = ticketStats(tickets, { maxSegments: 2 });
    expect(stats.map((r) => [r.channel, r.tickets])).to.deep.equal([['c0', 50], [OTHERS, 107]]);

    const customers = sizes.flatMap((size, i) => Array.from({ length: size }, (_, j) => ({ customer_id: `${i}-${j}`, signup_at: '2025-01-02', plan: `p${i}` })));
    const cohorts = retention(customers, { by: 'plan', maxSegments: 3, asOf: '2025-01-20' });
    expect(cohorts.map((r) => [r.segment, r.size])).to.deep.equal([['p0', 50], ['p2', 40], [OTHERS, 67]]);
    expect(groupedCount(cohorts)).to.equal(6);

    const activity = customers.flatMap((c) => [
      { customer_id: c.customer_id, at: '2025-01-03', event: 'a' },
      { customer_id: c.customer_id, at: '2025-01-04', event: 'b' },
    ]);
    const tables = { customers, activity };
    const steps = funnel(tables, { steps: ['a', 'b'], by: 'plan', maxSegments: 2 });
    expect(steps.map((r) => [r.segment, r.step, r.entered])).to.deep.equal([['p0', 'a', 50], ['p0', 'b', 50], [OTHERS, 'a', 107], [OTHERS, 'b', 107]]);
    const adoption = featureAdoption(tables, { features: ['b'], by: 'plan', maxSegments: 2 });
    expect(adoption.map((r) => [r.segment, r.active, r.adopters])).to.deep.equal([['p0', 50, 50], [OTHERS, 107, 107]]);
  });

  it('gives runQuery the very rows of the metric', () => {
    const data = surveys(sizes);
    const options = { by: 'plan', maxSegments: 3, minCellSize: 5 };
    expect(runQuery({ surveys: data }, { metric: 'npsTrend', options })).to.deep.equal(npsTrend(data, options));
  });

  it('checks maxSegments and keepSegments with precise messages', () => {
    expect(() => npsTrend([], { maxSegments: 1 })).to.throw(RangeError, 'maxSegments must be a whole number ≥ 2 (the smallest segments past it are grouped as (others)); got 1');
    expect(() => npsTrend([], { maxSegments: 2.5 })).to.throw(RangeError, /maxSegments must be a whole number ≥ 2/);
    expect(() => npsTrend([], { keepSegments: 'p1' as never })).to.throw(TypeError, "keepSegments must be a list of segment labels; got 'p1'");
    expect(() => npsTrend([], { keepSegments: ['p1', 3] as never })).to.throw(TypeError, 'keepSegments must hold strings; entry 2 is 3');
  });
});
