// Answers computed at the source go through the page's cache like tables (SPEC §5):
// kept under the query and the scope, served fresh at once, stale at once while the
// source is asked again (a changed answer runs the widgets again), from the cache when
// the source is unreachable, never across scopes, and gone after clearCache(scope).
import { expect } from 'chai';
import { AdapterError } from '../../src/adapters/errors.js';
import type { Adapter } from '../../src/adapters/types.js';
import { clearCache } from '../../src/cache/open.js';
import type { Row } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { Coordinator } from '../../src/source/coordinator.js';
import type { SourceEvent } from '../../src/source/source.js';

const MINUTE = 60_000;
const nps: MetricQuery = { metric: 'npsTrend', options: { period: 'month' } };

/** A source that computes every query: its answer is `value` (changeable), or it is down. */
function remote(): Adapter & { asked: MetricQuery[]; value: number; down: boolean } {
  const adapter = {
    id: 'remote',
    asked: [] as MetricQuery[],
    value: 1,
    down: false,
    load: () => Promise.reject(new Error('no rows')),
    aggregate: async (query: MetricQuery): Promise<Row[]> => {
      adapter.asked.push(query);
      if (adapter.down) throw new AdapterError('network', '/api/aggregate', 'POST /api/aggregate failed: network error');
      return [{ period: '2025-01-01', n: adapter.value }];
    },
  };
  return adapter;
}

describe('source/Coordinator: answers computed at the source, through the cache', () => {
  let coordinator: Coordinator;
  let clock: number;
  beforeEach(() => {
    clock = Date.UTC(2026, 0, 1);
    coordinator = new Coordinator();
    coordinator.configure({ name: `aggregates-${Math.random().toString(36).slice(2)}`, now: () => clock });
  });
  afterEach(() => clearCache());

  it('asks the source once per query and scope, then serves the answer from the cache', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    const first = await coordinator.run(nps, source);
    expect(first.meta).to.include({ fromCache: false, stale: false });
    clock += MINUTE;
    const second = await coordinator.run({ options: { period: 'month' }, metric: 'npsTrend' }, source);
    expect(second.rows).to.deep.equal(first.rows);
    expect(second.meta).to.include({ fromCache: true, stale: false, offline: false, fetchedAt: clock - MINUTE });
    expect(adapter.asked).to.have.length(1);
    // Another query is another entry.
    await coordinator.run({ ...nps, filters: [{ column: 'plan', values: ['Ouro'] }] }, source);
    expect(adapter.asked).to.have.length(2);
  });

  it('keeps what the rows carry besides the rows through the cache (retention’s excluded)', async () => {
    const adapter = remote();
    adapter.aggregate = async () => Object.defineProperty([{ cohort: '2025-01-01' }], 'excluded', { value: { noSignup: 1, noCustomer: 2 }, enumerable: false });
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    await coordinator.run(nps, source);
    clock += MINUTE;
    const cached = await coordinator.run(nps, source);
    expect(cached.meta).to.include({ fromCache: true });
    expect((cached.rows as unknown as { excluded: unknown }).excluded).to.deep.equal({ noSignup: 1, noCustomer: 2 });
  });

  it('never serves one scope the answer of another', async () => {
    const adapter = remote();
    await coordinator.run(nps, coordinator.source(adapter, { mode: 'memory', scope: 'hospital-1' }));
    adapter.value = 2;
    const other = await coordinator.run(nps, coordinator.source(adapter, { mode: 'memory', scope: 'hospital-2' }));
    expect(other.rows).to.deep.equal([{ period: '2025-01-01', n: 2 }]);
    expect(adapter.asked).to.have.length(2);
  });

  it('serves a stale answer at once, asks again, and runs the widgets again when it changed', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    await coordinator.run(nps, source);
    const heard: SourceEvent[] = [];
    source.watch((e) => heard.push(e));
    adapter.value = 5;
    clock += 10 * MINUTE;
    const stale = await coordinator.run(nps, source);
    expect(stale.rows).to.deep.equal([{ period: '2025-01-01', n: 1 }]);
    expect(stale.meta).to.include({ fromCache: true, stale: true });
    expect(await stale.meta!.revalidation).to.equal('changed');
    expect(heard).to.deep.equal([{ type: 'changed', table: 'surveys' }]);
    const fresh = await coordinator.run(nps, source);
    expect(fresh.rows).to.deep.equal([{ period: '2025-01-01', n: 5 }]);
    expect(fresh.meta).to.include({ fromCache: true, stale: false });
    expect(adapter.asked).to.have.length(2);
  });

  it('says unchanged, and stays quiet, when the source answers the same', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    await coordinator.run(nps, source);
    const heard: SourceEvent[] = [];
    source.watch((e) => heard.push(e));
    clock += 10 * MINUTE;
    expect(await (await coordinator.run(nps, source)).meta!.revalidation).to.equal('unchanged');
    expect(heard).to.deep.equal([]);
    expect((await coordinator.run(nps, source)).meta).to.include({ stale: false, fetchedAt: clock });
  });

  it('serves the cached answer offline when the source cannot be reached', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    const online = await coordinator.run(nps, source);
    adapter.down = true;
    clock += 10 * MINUTE;
    const heard: SourceEvent[] = [];
    source.watch((e) => heard.push(e));
    const stale = await coordinator.run(nps, source);
    expect(stale.rows).to.deep.equal(online.rows);
    expect(await stale.meta!.revalidation).to.equal('offline');
    expect(heard).to.deep.equal([{ type: 'offline', table: 'surveys' }]);
    // A host's refresh asks the source first: unreachable, the cached answer is served as offline.
    source.refresh();
    const refreshed = await coordinator.run(nps, source);
    expect(refreshed.rows).to.deep.equal(online.rows);
    expect(refreshed.meta).to.include({ fromCache: true, offline: true });
    // Past the maximum age an answer is never served, not even offline.
    clock += 8 * 24 * 60 * MINUTE;
    let error: unknown;
    await coordinator.run(nps, source).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(AdapterError).with.property('code', 'network');
  });

  it('forgets a scope’s answers on clearCache(scope)', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'memory', scope: 'u1' });
    await coordinator.run(nps, source);
    await clearCache('u1');
    adapter.value = 3;
    expect((await coordinator.run(nps, source)).rows).to.deep.equal([{ period: '2025-01-01', n: 3 }]);
    expect(adapter.asked).to.have.length(2);
  });

  it('keeps nothing with cache="off"', async () => {
    const adapter = remote();
    const source = coordinator.source(adapter, { mode: 'off' });
    const a = await coordinator.run(nps, source);
    await coordinator.run(nps, source);
    expect(a.meta).to.equal(undefined);
    expect(adapter.asked).to.have.length(2);
  });

  it('waits for an adapter that decides asynchronously whether it computes a query', async () => {
    const adapter = remote();
    adapter.canAggregate = async (q) => q.metric === 'npsTrend';
    const source = coordinator.source(adapter, { mode: 'off' });
    expect((await coordinator.run(nps, source)).at).to.equal('source');
    let error: unknown;
    await coordinator.run({ metric: 'channelCsat', options: {} }, source).catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('no rows');
  });
});
