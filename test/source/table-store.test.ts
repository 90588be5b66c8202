import { expect } from 'chai';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { Adapter, LoadRequest } from '../../src/adapters/types.js';
import { validate } from '../../src/data/validate.js';
import { TableStore } from '../../src/source/table-store.js';

const surveys = [
  { at: '2025-01-01T00:00:00Z', kind: 'nps', score: 9 },
  { at: '2025-01-02T00:00:00Z', kind: 'nps', score: 42 },
];
const customers = [{ customer_id: 'a', signup_at: '2025-01-01T00:00:00Z' }];

describe('source/TableStore', () => {
  it('loads and validates each table once for every caller', async () => {
    const store = new TableStore(new MemoryAdapter({ surveys, customers }));
    const [a, b] = await Promise.all([store.load(['surveys']), store.load(['surveys', 'customers'])]);
    expect(a.tables.surveys).to.equal(b.tables.surveys);
    expect(store.adapterLoads.get('surveys')).to.equal(1);
    expect(store.adapterLoads.get('customers')).to.equal(1);
    // Each caller's report covers its own tables: the bad score once, and one customer more for b.
    expect([a.report.accepted, a.report.rejected]).to.deep.equal([1, 1]);
    expect([b.report.accepted, b.report.rejected]).to.deep.equal([2, 1]);
    await store.load(['surveys'], { from: '2025-01-02' });
    expect(store.adapterLoads.get('surveys')).to.equal(2);
  });

  it('loads again after a failure, and one caller giving up does not stop the others', async () => {
    let calls = 0;
    const inner = new MemoryAdapter({ surveys });
    const adapter: Adapter = {
      id: 'flaky',
      async load(r: LoadRequest, s?: AbortSignal) {
        calls++;
        if (calls === 1) throw new Error('boom');
        await new Promise((resolve) => setTimeout(resolve, 10));
        return inner.load(r, s);
      },
    };
    const store = new TableStore(adapter);
    let failure: unknown;
    await store.load(['surveys']).catch((e: unknown) => (failure = e));
    expect((failure as Error).message).to.equal('boom');
    const quitter = new AbortController();
    const gaveUp = store.load(['surveys'], { signal: quitter.signal });
    const stayed = store.load(['surveys']);
    quitter.abort(new DOMException('left', 'AbortError'));
    let aborted: unknown;
    await gaveUp.catch((e: unknown) => (aborted = e));
    expect((aborted as DOMException).name).to.equal('AbortError');
    expect((await stayed).tables.surveys!.numRows()).to.equal(1);
    expect(calls).to.equal(2);
    store.clear();
    await store.load(['surveys']);
    expect(calls).to.equal(3);
  });
});

describe('source/TableStore freshness and abort', () => {
  it('serves a table while it is fresh, then asks again, keeping the table object when the cache served the same entry', async () => {
    let clock = 0;
    let fetchedAt = 100;
    let calls = 0;
    // A stand-in for a cache: answers validated tables with the time the source answered them.
    const cache = {
      id: 'cache',
      load: () => Promise.reject(new Error('unused')),
      async loadNormalized() {
        calls += 1;
        const { tables, report } = validate({ surveys });
        return { tables, report, meta: { fetchedAt, fromCache: true, stale: false, offline: false } };
      },
    };
    const store = new TableStore(cache as unknown as Adapter, { ttlMs: 1000, now: () => clock });
    const first = await store.load(['surveys']);
    clock = 500;
    expect((await store.load(['surveys'])).tables.surveys).to.equal(first.tables.surveys);
    expect(calls).to.equal(1);
    clock = 1600; // older than the TTL: asked again; the same entry, so the same table
    expect((await store.load(['surveys'])).tables.surveys).to.equal(first.tables.surveys);
    expect(calls).to.equal(2);
    clock = 2700;
    fetchedAt = 2600; // the cache has newer data: a new table
    expect((await store.load(['surveys'])).tables.surveys).to.not.equal(first.tables.surveys);
    expect(calls).to.equal(3);
  });

  it('keeps a load going when its only caller gives up and a new one asks at once (a superseded run)', async () => {
    const signals: AbortSignal[] = [];
    const inner = new MemoryAdapter({ surveys });
    const adapter: Adapter = {
      id: 'slow-ok',
      load: async (r: LoadRequest, signal?: AbortSignal) => {
        signals.push(signal!);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return inner.load(r, signal);
      },
    };
    const store = new TableStore(adapter);
    const old = new AbortController();
    store.load(['surveys'], { signal: old.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 2));
    old.abort(new DOMException('superseded', 'AbortError'));
    await Promise.resolve();
    const fresh = await store.load(['surveys'], { signal: new AbortController().signal });
    expect(fresh.tables.surveys!.numRows()).to.equal(1);
    expect(signals).to.have.length(1);
    expect(signals[0].aborted).to.equal(false);
  });

  it('aborts a load in flight once every caller waiting for it has given up, and loads again for the next', async () => {
    const signals: AbortSignal[] = [];
    const adapter: Adapter = {
      id: 'slow',
      load: (_r: LoadRequest, signal?: AbortSignal) =>
        new Promise((_resolve, reject) => {
          signals.push(signal!);
          signal!.addEventListener('abort', () => reject(signal!.reason));
        }),
    };
    const store = new TableStore(adapter);
    const a = new AbortController();
    const b = new AbortController();
    const loads = [store.load(['surveys'], { signal: a.signal }), store.load(['surveys'], { signal: b.signal })];
    loads.forEach((p) => p.catch(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals).to.have.length(1);
    a.abort(new DOMException('left', 'AbortError'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals[0].aborted).to.equal(false); // b still waits
    b.abort(new DOMException('left', 'AbortError'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals[0].aborted).to.equal(true);
    store.load(['surveys']).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(signals).to.have.length(2);
    expect(store.adapterLoads.get('surveys')).to.equal(2);
  });
});
