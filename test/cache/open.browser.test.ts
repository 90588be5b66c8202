// openCache's fallbacks and clearCache, against Chromium's IndexedDB with faults injected.
import { expect } from '@open-wc/testing';
import { table } from 'arquero';
import { AdapterError } from '../../src/adapters/errors.js';
import type { Adapter, LoadResult } from '../../src/adapters/types.js';
import { CachedAdapter } from '../../src/cache/cached-adapter.js';
import { storedId, storedScope } from '../../src/cache/at-rest.js';
import { clearCache, openCache } from '../../src/cache/open.js';
import type { Cache, CacheKey, CacheProblem } from '../../src/cache/types.js';
import {
  deleteDatabase,
  hangingFactory,
  storedKeys,
  throwingFactory,
  uniqueName,
  withGlobal,
} from './support.js';

const key = (table: string, scope: string): CacheKey => ({ scope, adapterId: 'json:/api', table });
const record = { bytes: new Uint8Array([1, 2, 3]), fetchedAt: 1, schemaVersion: 1 };

describe('openCache and clearCache in the browser', () => {
  let name: string;
  let problems: CacheProblem[];
  let caches: Cache[];
  const open = async (options: Parameters<typeof openCache>[0] = {}): Promise<Cache> => {
    const cache = await openCache({ name, onProblem: (p) => problems.push(p), ...options });
    caches.push(cache);
    return cache;
  };

  beforeEach(() => {
    name = uniqueName('open');
    problems = [];
    caches = [];
  });
  afterEach(async () => {
    for (const cache of caches) cache.close();
    await deleteDatabase(name);
  });

  it('opens IndexedDB, shares one cache between callers, and gives memory or nothing on request', async () => {
    const a = await open();
    expect(a.kind).to.equal('persistent');
    expect(await open()).to.equal(a);
    expect((await open({ mode: 'memory' })).kind).to.equal('memory');
    const off = await open({ mode: 'off' });
    await off.put(key('t', 's'), record);
    expect(await off.get(key('t', 's'))).to.equal(undefined);
    expect(() => openCache({ mode: 'disk' as never })).to.throw(
      TypeError,
      /cache must be one of persistent, memory, off; got 'disk'/,
    );
    expect(problems).to.deep.equal([]);
  });

  const faults: [string, () => unknown, string, RegExp][] = [
    ['missing', () => undefined, 'unavailable', /IndexedDB is not available here/],
    ['throwing', throwingFactory, 'open-failed', /could not be opened \(SecurityError/],
    ['hanging', hangingFactory, 'open-timeout', /did not open within 150 ms/],
  ];
  for (const [label, factory, code, message] of faults) {
    it(`falls back to memory when indexedDB is ${label}, reporting it once and throwing nothing`, async () => {
      const cache = await withGlobal('indexedDB', factory(), () => open({ openTimeoutMs: 150 }));
      expect(cache.kind).to.equal('memory');
      await cache.put(key('t', 's'), record);
      expect(Array.from((await cache.get(key('t', 's')))!.bytes)).to.deep.equal([1, 2, 3]);
      expect(problems.map((p) => p.code)).to.deep.equal([code]);
      expect(problems[0].message).to.match(message);
      // A widget that asks later for the same cache hears of the problem too, once.
      const late: CacheProblem[] = [];
      expect(
        await openCache({ name, openTimeoutMs: 150, onProblem: (p) => late.push(p) }),
      ).to.equal(cache);
      expect(late.map((p) => p.code)).to.deep.equal([code]);
    });
  }

  it('clearCache(scope) deletes one scope everywhere and clearCache() leaves nothing behind', async () => {
    const persistent = await open();
    const memory = await open({ mode: 'memory' });
    for (const cache of [persistent, memory]) {
      for (const scope of ['ana', 'bob', 'ana|x']) {
        await cache.put(key('surveys', scope), record);
        await cache.put(key('activity', scope), record);
      }
    }
    // Kept in memory without saying whose (no cache-scope): a logout of anyone clears it.
    await memory.put(key('surveys', ''), record);
    await clearCache('ana');
    expect(await memory.count(''), 'memory, no scope').to.equal(0);
    for (const cache of [persistent, memory]) {
      expect(await cache.count('ana'), cache.kind).to.equal(0);
      expect(await cache.count('bob'), cache.kind).to.equal(2);
      expect(await cache.count('ana|x'), cache.kind).to.equal(2);
    }
    const stored = await storedKeys(name);
    expect(stored.bytes).to.deep.equal(stored.meta);
    const ana = `${await storedScope('ana')}|`;
    expect(stored.meta.some((k) => k.startsWith(ana))).to.equal(false);
    expect(stored.meta).to.have.length(4);

    await clearCache();
    expect(await storedKeys(name)).to.deep.equal({ meta: [], bytes: [] });
    for (const cache of [persistent, memory]) expect(await cache.count(), cache.kind).to.equal(0);
    const error = await clearCache(42 as unknown as string).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error).message).to.match(/scope must be a string/);
  });

  it('rejects a bad maxMemoryBytes at once, and clearCache still clears everything after it', async () => {
    const memory = await open({ mode: 'memory' });
    await memory.put(key('surveys', 'ana'), record);
    for (const mode of ['memory', 'persistent'] as const) {
      expect(() => openCache({ name, mode, maxMemoryBytes: -1 })).to.throw(
        RangeError,
        /maxMemoryBytes must be a number >= 0; got -1/,
      );
    }
    await clearCache(); // a logout: nothing left behind, no rejection
    expect(await memory.count()).to.equal(0);
  });

  it('clearCache(scope) keeps a table loaded before it from being written back', async () => {
    const cache = await open();
    const inner: Adapter = { id: 'json:/api', load: async () => [{ customer_id: 'a', score: 9 }] };
    const ana = new CachedAdapter(inner, { cache, scope: 'ana' });
    const bob = new CachedAdapter(inner, { cache, scope: 'bob' });
    await ana.load({ table: 'surveys' }); // its store runs in the background
    await bob.load({ table: 'surveys' });
    await clearCache('ana');
    await Promise.all([ana.idle(), bob.idle()]);
    const bobs = [(await storedId(key('surveys', 'bob'))).id];
    expect(await storedKeys(name)).to.deep.equal({ meta: bobs, bytes: bobs });
  });

  it('renders from IndexedDB with the network down, and a stale entry re-renders only on change', async () => {
    let answer: LoadResult | Error = [{ customer_id: 'a', score: 9 }];
    const inner: Adapter = {
      id: 'json:/api',
      load: async () => {
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    let time = 1_700_000_000_000;
    const updates: string[] = [];
    const cache = await open();
    const make = (): CachedAdapter =>
      new CachedAdapter(inner, {
        cache,
        scope: 'ana',
        ttlMs: 1000,
        maxAgeMs: 100_000,
        now: () => time,
        onUpdate: (u) => updates.push(u.type),
      });
    const first = make();
    await first.load({ table: 'surveys' });
    await first.idle();

    // A new page: same data at the source, stale entry → served from IndexedDB, no update.
    time += 5000;
    const page2 = make();
    const warm = await page2.loadWithMeta({ table: 'surveys' });
    expect(warm.meta).to.include({ fromCache: true, stale: true });
    expect(await warm.meta.revalidation).to.equal('unchanged');
    expect(updates).to.deep.equal([]);

    // The source changes: one update.
    time += 5000;
    answer = table({ customer_id: ['a'], score: [10] });
    expect(await (await page2.loadWithMeta({ table: 'surveys' })).meta.revalidation).to.equal(
      'changed',
    );
    expect(updates).to.deep.equal(['changed']);

    // Offline: the next page renders from the cache, and learns it is offline.
    time += 5000;
    answer = new AdapterError(
      'network',
      '/api/surveys',
      'GET /api/surveys failed: Failed to fetch',
    );
    const page3 = make();
    const off = await page3.loadWithMeta({ table: 'surveys' });
    expect(Array.from(off.table.column('score') as unknown as ArrayLike<number>)).to.deep.equal([
      10,
    ]);
    expect(await off.meta.revalidation).to.equal('offline');
    expect(page3.offline).to.equal(true);
    expect(updates).to.deep.equal(['changed', 'offline']);
    expect(problems).to.deep.equal([]);
  });
});
