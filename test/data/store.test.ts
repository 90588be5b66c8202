import { expect } from 'chai';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { Adapter, LoadRequest } from '../../src/adapters/types.js';
import { TableStore } from '../../src/data/store.js';

const surveys = [
  { at: '2025-01-01T00:00:00Z', kind: 'nps', score: 9 },
  { at: '2025-01-02T00:00:00Z', kind: 'nps', score: 42 },
];
const customers = [{ customer_id: 'a', signup_at: '2025-01-01T00:00:00Z' }];

describe('data/TableStore', () => {
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
