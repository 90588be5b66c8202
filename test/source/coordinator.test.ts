import { expect } from 'chai';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { Adapter, LoadRequest } from '../../src/adapters/types.js';
import { clearCache } from '../../src/cache/open.js';
import type { CacheProblem } from '../../src/cache/types.js';
import type { Row, Tables } from '../../src/data/schema.js';
import { runQuery } from '../../src/query/run.js';
import type { MetricQuery } from '../../src/query/types.js';
import { PulsoOptionError } from '../../src/query/errors.js';
import { Coordinator } from '../../src/source/coordinator.js';
import type { SourceEvent } from '../../src/source/source.js';

const customers: Row[] = [
  { customer_id: 'a', signup_at: '2025-01-05', plan: 'gold' },
  { customer_id: 'b', signup_at: '2025-01-20', plan: 'basic' },
  { customer_id: 'c', signup_at: '2025-02-03', churned_at: '2025-03-10', plan: 'basic' },
];
const surveys: Row[] = [
  { at: '2025-01-10', kind: 'nps', score: 10, customer_id: 'a', channel: 'app' },
  { at: '2025-01-11', kind: 'nps', score: 3, customer_id: 'b', channel: 'app' },
  { at: '2025-02-12', kind: 'csat', score: 5, customer_id: 'c', channel: 'phone' },
  { at: '2025-02-13', kind: 'csat', score: 2, customer_id: 'b', channel: 'chat' },
  { at: '2025-02-14', kind: 'nps', score: 99, customer_id: 'a', channel: 'app' },
];
const tables: Tables = { customers, surveys };

/** A MemoryAdapter that counts its loads per table, and may make them wait. */
function counting(data: Tables = tables): Adapter & { loads: string[]; hold?: Promise<void> } {
  const inner = new MemoryAdapter(data);
  const adapter = {
    id: 'counting',
    loads: [] as string[],
    hold: undefined as Promise<void> | undefined,
    async load(request: LoadRequest, signal?: AbortSignal) {
      adapter.loads.push(request.table);
      await adapter.hold;
      return inner.load(request, signal);
    },
  };
  return adapter;
}

const nps: MetricQuery = { metric: 'npsTrend', options: { period: 'month' } };

describe('source/Coordinator', () => {
  let coordinator: Coordinator;
  beforeEach(() => {
    coordinator = new Coordinator();
    coordinator.configure({ name: `coordinator-test-${Math.random().toString(36).slice(2)}` });
  });
  afterEach(() => clearCache());

  it('refuses a bad option before anything is loaded', async () => {
    const adapter = counting();
    const source = coordinator.source(adapter, { mode: 'off' });
    let error: unknown;
    await coordinator.run({ metric: 'npsTrend', options: { period: 'mnth' } }, source).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(PulsoOptionError);
    expect((error as Error).cause).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.equal("period must be one of day, week, month, quarter, year; got 'mnth'");
    expect(adapter.loads).to.deep.equal([]);
  });

  it('loads each table once for every query on a source, whether in flight or done', async () => {
    const adapter = counting();
    let open!: () => void;
    adapter.hold = new Promise((resolve) => (open = resolve));
    const source = coordinator.source(adapter);
    const runs = [
      coordinator.run(nps, source),
      coordinator.run({ metric: 'channelCsat', options: {} }, source),
      coordinator.run({ ...nps, options: { period: 'week' } }, source),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    open();
    const answers = await Promise.all(runs);
    expect(answers.map((a) => a.at)).to.deep.equal(['browser', 'browser', 'browser']);
    await coordinator.run({ metric: 'retention', options: { asOf: '2025-04-01' } }, source);
    await coordinator.run(nps, coordinator.source(adapter)); // the same source again
    expect(adapter.loads.sort()).to.deep.equal(['customers', 'surveys']);
    expect(source.adapterLoads.get('surveys')).to.equal(1);
  });

  it('answers what runQuery answers, with the report of the tables read and which filters reached them', async () => {
    const source = coordinator.source(counting());
    const query: MetricQuery = {
      metric: 'npsTrend',
      options: { period: 'month' },
      filters: [{ column: 'plan', values: ['basic'] }, { column: 'event', values: ['login'] }],
    };
    const answer = await coordinator.run(query, source);
    expect(answer.rows).to.deep.equal(runQuery(tables, query));
    expect(answer.rows.map((r) => [r.period, r.n, r.detractors])).to.deep.equal([['2025-01-01', 1, 1]]);
    expect(answer.reached).to.deep.equal([true, false]);
    // The 99 is out of range: one survey row rejected, and the customers table read for `plan`.
    expect(answer.report.tables).to.deep.equal({ customers: { accepted: 3, rejected: 0 }, surveys: { accepted: 4, rejected: 1 } });
  });

  it('asks an adapter with aggregate for every query it accepts, and shares one request per query in flight', async () => {
    const asked: MetricQuery[] = [];
    const adapter: Adapter = {
      id: 'pushdown',
      load: () => Promise.reject(new Error('no rows may be loaded')),
      aggregate: async (q) => {
        asked.push(q);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { rows: runQuery(tables, q), report: { accepted: 7, rejected: 1, problems: [], problemsOmitted: 0, counts: [], tables: {} } };
      },
      canAggregate: (q) => q.metric !== 'retention',
    };
    const source = coordinator.source(adapter);
    const [a, b] = await Promise.all([coordinator.run(nps, source), coordinator.run({ options: { period: 'month' }, metric: 'npsTrend' }, source)]);
    expect(asked).to.have.length(1);
    expect(a.rows).to.deep.equal(runQuery(tables, nps));
    expect(b.rows).to.equal(a.rows);
    expect([a.at, a.report.rejected]).to.deep.equal(['source', 1]);
    // Through the page's cache, as tables are (test/source/aggregates.test.ts).
    expect(a.meta).to.include({ fromCache: false, stale: false, offline: false });
    // Declined: computed here from loaded rows (which this adapter cannot give).
    let error: unknown;
    await coordinator.run({ metric: 'retention', options: {} }, source).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('no rows may be loaded');
  });

  it('tells, for a source that does not say, which filters could reach the query’s tables', async () => {
    const adapter: Adapter = { id: 'pd-reach', load: async () => [], aggregate: async () => [] };
    const source = coordinator.source(adapter);
    const filters = [
      { column: 'channel', values: ['phone'] },
      { column: 'plan', values: ['gold'] },
      { column: 'opened_at', from: '2025-01-01' },
      { table: 'activity' as const, column: 'event', values: ['login'] },
    ];
    const churn = await coordinator.run({ metric: 'retention', options: {}, filters }, source);
    expect(churn.reached).to.deep.equal([false, true, false, true]);
    const csat = await coordinator.run({ metric: 'channelCsat', options: {}, filters }, source);
    expect(csat.reached).to.deep.equal([true, true, false, true]);
  });

  it('still validates a query before an adapter with aggregate sees it', async () => {
    let asked = 0;
    const adapter: Adapter = { id: 'pd', load: async () => [], aggregate: async () => (asked++, []) };
    let error: unknown;
    await coordinator.run({ metric: 'funnel', options: { steps: ['one'] } }, coordinator.source(adapter)).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.match(/steps must list at least 2/);
    expect(asked).to.equal(0);
  });

  it('refresh() forgets the loaded tables and tells the source’s listeners', async () => {
    const adapter = counting();
    const source = coordinator.source(adapter, { mode: 'off' });
    const events: SourceEvent[] = [];
    const stop = source.watch((e) => events.push(e));
    await coordinator.run(nps, source);
    source.refresh();
    await coordinator.run(nps, source);
    stop();
    expect(adapter.loads).to.deep.equal(['surveys', 'surveys']);
    expect(events).to.deep.equal([{ type: 'loaded', table: 'surveys' }, { type: 'refreshed' }, { type: 'loaded', table: 'surveys' }]);
  });

  it('empties a scope’s tables on clearCache(scope): nothing of a signed-out user is served from memory', async () => {
    const adapter = counting();
    const u1 = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    const u2 = coordinator.source(adapter, { mode: 'memory', scope: 'u2' });
    expect(u1).to.not.equal(u2);
    await coordinator.run(nps, u1);
    await coordinator.run(nps, u2);
    await clearCache('u1');
    await coordinator.run(nps, u1);
    await coordinator.run(nps, u2);
    expect(adapter.loads).to.deep.equal(['surveys', 'surveys', 'surveys']);
  });

  it('has a setting it cannot follow told once per page, by the first element that wrote it', () => {
    const problem = coordinator.settingProblem({ mode: 'persistent' });
    expect(problem?.code).to.equal('setting');
    expect(problem?.message).to.match(/needs a cache-scope/);
    expect(coordinator.settingProblem({ mode: 'persistent' })).to.equal(undefined);
    expect(coordinator.settingProblem({}, { mode: 'persistent' })).to.equal(undefined);
    expect(coordinator.settingProblem({ mode: 'persistent', scope: 'u1' })).to.equal(undefined);
    // …and the source is the memory one, as for no setting at all.
    expect(coordinator.source(counting(), { mode: 'persistent' }).cache).to.deep.include({ mode: 'memory', scope: '' });
  });

  it('tells a cache problem once, to the newest listener of the source', async () => {
    const source = coordinator.source(counting(), { mode: 'memory' });
    const heard: string[] = [];
    const stopA = source.onProblem(() => heard.push('a'));
    source.onProblem(() => heard.push('b'));
    const problem: CacheProblem = { code: 'quota', message: 'full' };
    (coordinator as unknown as { problems: { tell(o: object, p: CacheProblem): void } }).problems.tell(source, problem);
    (coordinator as unknown as { problems: { tell(o: object, p: CacheProblem): void } }).problems.tell(source, problem);
    stopA();
    expect(heard).to.deep.equal(['b']);
  });

  it('keeps no table with cache="off": loads in flight are shared, later runs load again', async () => {
    const adapter = counting();
    const source = coordinator.source(adapter, { mode: 'off' });
    await Promise.all([coordinator.run(nps, source), coordinator.run(nps, source)]);
    await coordinator.run(nps, source);
    expect(adapter.loads).to.deep.equal(['surveys', 'surveys']);
  });

  it('empties tables held without a scope on any clearCache: a logout of anyone', async () => {
    const adapter = counting();
    const source = coordinator.source(adapter, { mode: 'memory' });
    await coordinator.run(nps, source);
    await clearCache('someone');
    await coordinator.run(nps, source);
    expect(adapter.loads).to.deep.equal(['surveys', 'surveys']);
    expect(source.report().accepted).to.equal(4);
  });

  it('gives a new source after configure(): a new page’s settings are never mixed with the old', () => {
    const adapter = counting();
    const before = coordinator.source(adapter);
    const generation = coordinator.generation;
    coordinator.configure({ ttlMs: 1000 });
    expect(coordinator.generation).to.equal(generation + 1);
    expect(coordinator.source(adapter)).to.not.equal(before);
    expect(() => coordinator.configure({ ttlMs: -1 })).to.throw(RangeError, /ttlMs/);
  });
});
