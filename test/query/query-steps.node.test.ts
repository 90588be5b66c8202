// Kernels in slices (the main-thread fallback, src/data/slices.ts): a query's steps —
// the filters, then the kernel paused between its blocks of rows and units — give the
// same rows, and the same errors, as the query run straight through, on tables of more
// than two kernel blocks (blocks-data.ts: periods, cohorts and funnels straddle the
// block boundaries), in time order (the one-pass paths) and shuffled (the sorting
// paths). On a page's main thread the coordinator runs them in slices that let other
// tasks in between blocks.
import { expect } from 'chai';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import { frameOf } from '../../src/data/frame.js';
import type { NormalizedTables, TableName } from '../../src/data/schema.js';
import { inSlices, useSlices, type Slices } from '../../src/data/slices.js';
import { validate } from '../../src/data/validate.js';
import { BLOCK_ROWS as B } from '../../src/metrics/blocks.js';
import type { Frames } from '../../src/query/filter.js';
import { querySteps, runOnFrames } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { validateQuery } from '../../src/query/validate.js';
import { Coordinator } from '../../src/source/coordinator.js';
import { nextTask } from '../../src/source/tasks.js';
import { blockData } from '../metrics/blocks-data.js';

const FROM = '2018-08-01';
const TO = '2019-09-15';
const AS_OF = '2019-12-15T00:00:00Z';
const q = (metric: MetricQuery['metric'], options: Record<string, unknown>, filters?: MetricQuery['filters']): MetricQuery =>
  filters ? { metric, options, filters } : { metric, options };

/** The kernels with steps, each way through them, and one query through every other kernel (no steps: one step). */
const QUERIES: MetricQuery[] = [
  q('funnel', { steps: ['signup', 'login', 'teleconsult'] }),
  q('funnel', { steps: ['login', 'teleconsult', 'login', 'lab'], window: 'P7D', from: FROM, to: TO }),
  q('funnel', { steps: ['signup', 'login', 'teleconsult'], order: 'strict', window: 'P7D' }),
  q('funnel', { steps: ['signup', 'login', 'teleconsult', 'lab'], order: 'any', window: 'P7D', by: 'plan' }),
  q('featureAdoption', { features: ['teleconsult', 'booked'] }),
  q('featureAdoption', { features: ['lab', 'login'], period: 'week', from: FROM, to: TO, by: 'platform' }),
  q('npsTrend', { period: 'week', by: 'channel' }),
  q('npsTrend', { rolling: 3, by: 'plan', from: FROM, to: TO }),
  q('channelCsat', {}),
  q('channelCsat', { by: 'plan', period: 'month', maxSegments: 2 }),
  q('ticketStats', { period: 'month', by: 'plan' }),
  q('kpis', { from: FROM, to: TO, period: 'month', features: ['teleconsult'], activationWindow: 'P3D' }),
  q('kpis', { from: FROM, to: TO, metrics: ['fcr', 'firstResponseMedian', 'resolutionMedian'] }),
  q('retention', { asOf: AS_OF, period: 'week', by: 'plan', maxOffset: 6 }),
  q('npsTrend', { period: 'month' }, [{ column: 'plan', values: ['pro'] }]),
];

/** Slices that yield after every step (budget 0), counting the yields. */
function everyStep(): Slices & { yields: number } {
  const s = { rows: 8, budgetMs: 0, yields: 0, next: () => ((s.yields += 1), Promise.resolve()) };
  return s;
}

const framesOf = (tables: NormalizedTables): Frames =>
  Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, frameOf(t!)])) as Partial<Record<TableName, ReturnType<typeof frameOf>>>;

describe('query/querySteps: kernels in slices', function () {
  this.timeout(120_000);
  const data = blockData(20261204);
  let sorted: Frames;
  let shuffled: Frames;
  before(() => {
    const tables = validate(data.sorted).tables;
    sorted = framesOf(tables);
    shuffled = { ...sorted, activity: frameOf(validate({ activity: data.shuffledActivity }).tables.activity!) };
  });

  for (const query of QUERIES) {
    const label = `${query.metric} ${JSON.stringify(query.options)}${query.filters ? ' filtered' : ''}`;
    it(`${label}: the same rows in slices as straight through, in order and shuffled`, async () => {
      for (const frames of [sorted, shuffled]) {
        const straight = runOnFrames(frames, query);
        const slices = everyStep();
        const cut = await inSlices(querySteps(frames, validateQuery(query)), slices, undefined);
        expect(cut).to.deep.equal(straight);
        // The filters are a step; a kernel with steps pauses at least once a block of its table's
        // rows (featureAdoption's bucketing path, for a log out of order, only between its two passes).
        const stepped = ['funnel', 'featureAdoption', 'npsTrend', 'channelCsat', 'ticketStats', 'kpis'].includes(query.metric);
        const least = !stepped ? 1 : query.metric === 'featureAdoption' && frames === shuffled ? 2 : 3;
        expect(slices.yields).to.be.at.least(least);
      }
    });
  }

  it('throws the same error in slices as straight through (an option only the data refuses)', async () => {
    for (const query of [
      q('funnel', { steps: ['signup', 'login'], by: 'no_such_column' }),
      q('npsTrend', { by: 'nothing_here' }),
      q('ticketStats', { by: 'nor_here' }),
    ]) {
      let straight: unknown;
      let cut: unknown;
      try {
        runOnFrames(sorted, query);
      } catch (e) {
        straight = e;
      }
      await inSlices(querySteps(sorted, validateQuery(query)), everyStep(), undefined).catch((e: unknown) => (cut = e));
      expect(straight).to.be.instanceOf(RangeError);
      expect(cut).to.be.instanceOf(RangeError);
      expect((cut as Error).message).to.equal((straight as Error).message);
    }
  });

  describe('on a page main thread (the coordinator without a worker)', () => {
    let before: ReturnType<typeof useSlices>;
    afterEach(() => useSlices(before));

    it('lets other tasks run between a long kernel blocks, with the rows of the query run straight', async () => {
      const coordinator = new Coordinator({ worker: false });
      const source = coordinator.source(new MemoryAdapter({ activity: data.sorted.activity }), { mode: 'memory' });
      const query = q('funnel', { steps: ['signup', 'login', 'teleconsult'] });
      // Loaded (and validated) first, straight through, and held (memory cache): only the query's own steps are counted.
      before = useSlices(null);
      await source.load(['activity']);
      const activity = (await source.load(['activity'])).tables.activity!;
      expect(activity.numRows()).to.be.greaterThan(2 * B);
      const expected = runOnFrames({ activity: frameOf(activity) }, query).rows;

      // At the kernel's first pause another task is queued: it runs while the kernel is still at work.
      let yields = 0;
      let ranAt = -1;
      const slices: Slices = {
        rows: 8,
        budgetMs: 0,
        next: () => {
          if (yields++ === 0) void nextTask().then(() => (ranAt = yields));
          return nextTask();
        },
      };
      useSlices(slices);
      const answer = await coordinator.run(query, source);
      expect(answer.rows).to.deep.equal(expected);
      // The funnel's pass over > 2 blocks of rows pauses at least 3 times, and the other task ran before its last.
      expect(yields).to.be.at.least(3);
      expect(ranAt).to.be.within(1, yields - 1);
    });
  });
});
