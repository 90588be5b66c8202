// CachedAdapter over the memory cache: freshness, revalidation, offline, scopes (Node and browsers).
import { expect } from 'chai';
import { table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { AdapterError } from '../../src/adapters/errors.js';
import type { Adapter, LoadResult } from '../../src/adapters/types.js';
import { CachedAdapter } from '../../src/cache/cached-adapter.js';
import type { CacheUpdate } from '../../src/cache/cached-meta.js';
import type { MemoryCache } from '../../src/cache/memory.js';
import type { CacheProblem } from '../../src/cache/types.js';
import { CACHE_KINDS, cacheOfKind } from './kinds.js';
import { scripted } from './scripted.js';

const values = (t: ColumnTable, name: string): unknown[] =>
  Array.from(t.column(name) as unknown as ArrayLike<unknown>);


const rows = (...scores: number[]): LoadResult =>
  scores.map((score, i) => ({ customer_id: `c${i}`, score }));
const offline = (): AdapterError =>
  new AdapterError('network', '/api/surveys', 'GET /api/surveys failed: network down');

for (const kind of CACHE_KINDS)
describe(`CachedAdapter (tables kept as ${kind})`, () => {
  /** Tests of one kind only: Arrow IPC bytes (what IndexedDB keeps), or tables held in memory. */
  const itBytes = (title: string, fn: Mocha.AsyncFunc): void => void (kind === 'bytes' && it(title, fn));
  const itHeld = (title: string, fn: Mocha.AsyncFunc): void => void (kind === 'held' && it(title, fn));
  let time: number;
  const now = (): number => time;
  const MIN = 60_000;
  let cache: MemoryCache;
  let updates: CacheUpdate[];
  let problems: CacheProblem[];
  const cached = (inner: Adapter, scope = 'ana', extra: object = {}): CachedAdapter =>
    new CachedAdapter(inner, {
      cache,
      scope,
      now,
      ttlMs: 5 * MIN,
      maxAgeMs: 60 * MIN,
      onUpdate: (u) => updates.push(u),
      onProblem: (p) => problems.push(p),
      ...extra,
    });

  beforeEach(() => {
    time = 1_700_000_000_000;
    cache = cacheOfKind(kind, now);
    updates = [];
    problems = [];
  });

  it('stores the first load as Arrow IPC and serves it fresh without asking the source', async () => {
    const inner = scripted([rows(9, 3)]);
    const a = cached(inner);
    const first = await a.loadWithMeta({ table: 'surveys' });
    expect(first.meta).to.deep.equal({
      fetchedAt: time,
      fromCache: false,
      stale: false,
      offline: false,
    });
    expect(values(first.table, 'score')).to.deep.equal([9, 3]);
    await a.idle();
    expect(await cache.count('ana')).to.equal(1);
    time += 4 * MIN;
    const second = await a.loadWithMeta({ table: 'surveys' });
    expect(inner.calls).to.equal(1);
    expect(second.meta).to.deep.equal({
      fetchedAt: time - 4 * MIN,
      fromCache: true,
      stale: false,
      offline: false,
    });
    expect(values(second.table, 'customer_id')).to.deep.equal(['c0', 'c1']);
    expect(a.id).to.equal('json:/api');
  });

  it('accepts rows, Arquero tables and Arrow bytes from the source alike', async () => {
    const t = table({ at: [new Date(Date.UTC(2025, 0, 1))], n: [1] });
    for (const result of [
      [{ at: new Date(Date.UTC(2025, 0, 1)), n: 1 }],
      t,
      toArrowIPC(t),
    ] as LoadResult[]) {
      cache = cacheOfKind(kind, now);
      const a = cached(scripted([result]));
      const fresh = await a.load({ table: 'activity' });
      await a.idle();
      const warm = await a.load({ table: 'activity' });
      for (const got of [fresh, warm]) {
        expect((values(got, 'at')[0] as Date).getTime()).to.equal(Date.UTC(2025, 0, 1));
        expect(values(got, 'n')).to.deep.equal([1]);
      }
    }
  });

  it('serves a stale entry at once, and tells subscribers only when the source changed', async () => {
    const inner = scripted([rows(9), rows(9), rows(10)]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    await a.idle();

    time += 6 * MIN; // stale; the source answers the same
    const same = await a.loadWithMeta({ table: 'surveys' });
    expect(same.meta).to.include({ fromCache: true, stale: true, offline: false });
    expect(await same.meta.revalidation).to.equal('unchanged');
    expect(updates).to.deep.equal([]);
    // The entry counts as fetched again: fresh for another TTL.
    time += 1 * MIN;
    expect((await a.loadWithMeta({ table: 'surveys' })).meta).to.include({
      stale: false,
      fetchedAt: time - MIN,
    });
    expect(inner.calls).to.equal(2);

    time += 6 * MIN; // stale again; now the source has new data
    const old = await a.loadWithMeta({ table: 'surveys' });
    expect(values(old.table, 'score')).to.deep.equal([9]);
    expect(await old.meta.revalidation).to.equal('changed');
    expect(updates).to.have.length(1);
    const update = updates[0];
    expect(update.type).to.equal('changed');
    expect(update.fetchedAt).to.equal(time);
    expect(
      values((update as Extract<CacheUpdate, { type: 'changed' }>).table, 'score'),
    ).to.deep.equal([10]);
    expect(values(await a.load({ table: 'surveys' }), 'score')).to.deep.equal([10]);
    expect(inner.calls).to.equal(3);
  });

  it('runs one revalidation per key at a time', async () => {
    const inner = scripted([rows(1), rows(2)]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    await a.idle();
    time += 6 * MIN;
    const [x, y] = await Promise.all([
      a.loadWithMeta({ table: 'surveys' }),
      a.loadWithMeta({ table: 'surveys' }),
    ]);
    expect(await x.meta.revalidation).to.equal('changed');
    expect(await y.meta.revalidation).to.equal('changed');
    expect(inner.calls).to.equal(2);
    expect(updates).to.have.length(1);
  });

  it('with the network down serves the stale entry and says it is offline', async () => {
    const inner = scripted([rows(9), offline()]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    await a.idle();
    const fetchedAt = time;
    time += 30 * MIN;
    const got = await a.loadWithMeta({ table: 'surveys' });
    expect(values(got.table, 'score')).to.deep.equal([9]);
    expect(await got.meta.revalidation).to.equal('offline');
    expect(updates.map((u) => [u.type, u.fetchedAt])).to.deep.equal([['offline', fetchedAt]]);
    expect(a.offline).to.equal(true);
    // The next load knows at once.
    expect((await a.loadWithMeta({ table: 'surveys' })).meta).to.include({
      offline: true,
      fetchedAt,
    });
  });

  it('network-first asks the source before a stale entry, and falls back to it offline', async () => {
    const inner = scripted([
      rows(9),
      new AdapterError('timeout', '/api/surveys', 'no answer in 10 s'),
      rows(4),
    ]);
    const a = cached(inner, 'ana', { networkFirst: true });
    await a.load({ table: 'surveys' });
    await a.idle();
    time += 10 * MIN;
    const down = await a.loadWithMeta({ table: 'surveys' });
    expect(down.meta).to.deep.equal({
      fetchedAt: time - 10 * MIN,
      fromCache: true,
      stale: true,
      offline: true,
    });
    const up = await a.loadWithMeta({ table: 'surveys' });
    expect(up.meta).to.include({ fromCache: false, offline: false });
    expect(values(up.table, 'score')).to.deep.equal([4]);
  });

  it('never serves an entry past its maximum age, not even offline', async () => {
    const inner = scripted([rows(9), offline()]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    await a.idle();
    time += 61 * MIN;
    const error = await a.load({ table: 'surveys' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(AdapterError);
    expect(await cache.count()).to.equal(0);
  });

  itBytes('answers before the table is encoded and stored', async () => {
    const inner = scripted([rows(1, 2, 3)]);
    const a = cached(inner);
    await a.load({ table: 'surveys' });
    expect(await cache.count()).to.equal(0); // the store waits for a later task
    await a.idle();
    expect(await cache.count()).to.equal(1);
  });

  it('passes on errors that are not the network being down, and aborts', async () => {
    const a = cached(
      scripted([
        new AdapterError('http', '/api/surveys', 'GET /api/surveys answered 404', { status: 404 }),
      ]),
    );
    const error = await a.load({ table: 'surveys' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as AdapterError).status).to.equal(404);
    const controller = new AbortController();
    controller.abort();
    const aborted = await a.load({ table: 'surveys' }, controller.signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect((aborted as Error).name).to.equal('AbortError');
  });

  it('keeps scopes apart on one cache', async () => {
    const inner = scripted([rows(1), rows(2)]);
    const ana = cached(inner, 'ana');
    const bob = cached(inner, 'bob');
    await ana.load({ table: 'surveys' });
    await ana.idle();
    const forBob = await bob.loadWithMeta({ table: 'surveys' });
    expect(forBob.meta.fromCache).to.equal(false);
    expect(values(forBob.table, 'score')).to.deep.equal([2]);
    await bob.idle();
    expect(values(await ana.load({ table: 'surveys' }), 'score')).to.deep.equal([1]);
    expect(await cache.count('ana')).to.equal(1);
    expect(await cache.count('bob')).to.equal(1);
  });

  itBytes('discards an entry it cannot decode, reports it once, and loads again', async () => {
    const inner = scripted([rows(5)]);
    const a = cached(inner);
    await cache.put(
      { scope: 'ana', adapterId: inner.id, table: 'surveys' },
      { bytes: new Uint8Array([1, 2, 3, 4, 5]), fetchedAt: time, schemaVersion: 1 },
    );
    const got = await a.loadWithMeta({ table: 'surveys' });
    expect(got.meta.fromCache).to.equal(false);
    expect(values(got.table, 'score')).to.deep.equal([5]);
    expect(problems.map((p) => p.code)).to.deep.equal(['corrupt']);
  });

  it('refetches entries of another data or schema version', async () => {
    const inner = scripted([rows(1), rows(2), rows(3)]);
    const load = async (extra: object): Promise<boolean> => {
      const a = cached(inner, 'ana', extra);
      const { meta } = await a.loadWithMeta({ table: 'surveys' });
      await a.idle(); // stored: the next adapter finds it
      return meta.fromCache;
    };
    expect(await load({ version: 'v1' })).to.equal(false);
    expect(await load({ version: 'v1' })).to.equal(true); // the same version is served
    expect(await load({ version: 'v2' })).to.equal(false);
    expect(await load({ version: 'v2', schemaVersion: 2 })).to.equal(false);
    expect(inner.calls).to.equal(3);
  });

  it('answers a revalidation within the TTL with the last outcome, not "unchanged"', async () => {
    const inner = scripted([rows(1), rows(2)]);
    const dropping = Object.assign(Object.create(cache) as MemoryCache, {
      put: async (...args: Parameters<MemoryCache['put']>) =>
        inner.calls <= 1 ? cache.put(...args) : undefined, // new data is not kept (a full disk)
      ...(kind === 'held' && {
        hold: async (...args: Parameters<MemoryCache['hold']>) =>
          inner.calls <= 1 ? cache.hold(...args) : undefined,
      }),
    });
    const a = new CachedAdapter(inner, { cache: dropping, scope: 'ana', now, ttlMs: 5 * MIN });
    await a.load({ table: 'surveys' });
    await a.idle();
    time += 6 * MIN;
    expect(await (await a.loadWithMeta({ table: 'surveys' })).meta.revalidation).to.equal(
      'changed',
    );
    time += MIN;
    const again = await a.loadWithMeta({ table: 'surveys' });
    expect(values(again.table, 'score')).to.deep.equal([1]); // still the old data...
    expect(await again.meta.revalidation).to.equal('changed'); // ...not called up to date
    expect(inner.calls).to.equal(2); // and the source is not asked again within the TTL
  });

  it('does not write a scope back after it was cleared (a logout during a load)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = scripted([rows(1), rows(2)]);
    const ana = cached(inner, 'ana');
    const bob = cached(inner, 'bob');
    // A fetch whose background store has not run yet.
    await ana.load({ table: 'surveys' });
    await bob.load({ table: 'surveys' });
    await cache.clear('ana');
    await Promise.all([ana.idle(), bob.idle()]);
    expect(await cache.count('ana')).to.equal(0);
    expect(await cache.count('bob')).to.equal(1); // another scope's writes go on
    // A revalidation still waiting for the source when the scope is cleared.
    await ana.load({ table: 'surveys' });
    await ana.idle();
    time += 6 * MIN;
    const load = inner.load.bind(inner);
    inner.load = async (...args) => {
      await gate;
      return load(...args);
    };
    const stale = await ana.loadWithMeta({ table: 'surveys' });
    await cache.clear('ana');
    release();
    await stale.meta.revalidation;
    await ana.idle();
    expect(await cache.count('ana')).to.equal(0);
    // Loads begun after the clear are stored as usual.
    await ana.load({ table: 'surveys' });
    await ana.idle();
    expect(await cache.count('ana')).to.equal(1);
  });

  itBytes('serves a table Arrow cannot encode without caching it, and reports that once', async () => {
    const inner = scripted([[{ v: 1 }, { v: 'x' }]]);
    const a = cached(inner);
    expect(values(await a.load({ table: 'surveys' }), 'v')).to.deep.equal([1, 'x']);
    await a.load({ table: 'surveys' });
    await a.idle();
    expect(await cache.count()).to.equal(0);
    expect(problems.map((p) => p.code)).to.deep.equal(['encode-failed']);
    expect(problems[0].message).to.match(
      /surveys table of json:\/api could not be stored as Arrow IPC/,
    );
  });

  itHeld('in memory, keeps the table object itself: served again as it is, nothing encoded', async () => {
    const inner = scripted([[{ v: 1 }, { v: 'x' }], rows(2)]); // Arrow cannot encode this column
    const a = cached(inner);
    const first = await a.load({ table: 'surveys' });
    expect(await cache.count('ana')).to.equal(1); // kept at once: there is nothing to encode
    time += MIN;
    const warm = await a.loadWithMeta({ table: 'surveys' });
    expect(warm.table).to.equal(first);
    expect(warm.meta.fromCache).to.equal(true);
    expect(inner.calls).to.equal(1);
    expect(problems).to.deep.equal([]);
  });

  it('rejects bad options with precise messages', () => {
    const inner = scripted([rows(1)]);
    expect(() => new CachedAdapter({} as Adapter, { cache, scope: 'a' })).to.throw(
      TypeError,
      /adapter with an `id` and a `load`/,
    );
    expect(() => new CachedAdapter(inner, { scope: 'a' } as never)).to.throw(
      TypeError,
      /needs a `cache`/,
    );
    expect(() => new CachedAdapter(inner, { cache, scope: 7 as unknown as string })).to.throw(
      TypeError,
      /scope must be a string/,
    );
    expect(() => new CachedAdapter(inner, { cache, scope: 'a', ttlMs: -5 })).to.throw(
      RangeError,
      /ttlMs/,
    );
  });
});
