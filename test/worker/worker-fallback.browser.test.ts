// Where Pulso's worker cannot start (its script refused or missing, `new Worker`
// throwing), every query still answers, on the main thread, the same rows; and the page
// is told once, whatever the number of sources (a `worker-unavailable` problem, which
// widgets dispatch as `pulso-worker-problem`). Browser only.
import { waitUntil } from '@open-wc/testing';
import { expect } from 'chai';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { MetricQuery } from '../../src/query/types.js';
import { Coordinator } from '../../src/source/coordinator.js';
import type { PageProblem } from '../../src/source/problems.js';

const customers = [
  { customer_id: 'a', signup_at: '2025-01-03', plan: 'x' },
  { customer_id: 'b', signup_at: '2025-01-20', churned_at: '2025-03-02', plan: 'y' },
  { customer_id: 'c', signup_at: '2025-02-11', plan: 'x' },
];
const query: MetricQuery = { metric: 'retention', options: { asOf: '2025-05-01', by: 'plan' } };

async function heardAfter(c: Coordinator, adapters: MemoryAdapter[]): Promise<{ rows: unknown[][]; problems: PageProblem[] }> {
  const problems: PageProblem[] = [];
  const rows: unknown[][] = [];
  for (const adapter of adapters) {
    const source = c.source(adapter, { mode: 'memory' });
    source.onProblem((p) => problems.push(p));
    rows.push((await c.run(query, source)).rows);
    expect(c.placement(source)).to.equal('main');
  }
  return { rows, problems };
}

describe('without the worker, the main thread answers', function () {
  this.timeout(60_000);
  const expected = async () => {
    const main = new Coordinator({ worker: false });
    return (await main.run(query, main.source(new MemoryAdapter({ customers }), { mode: 'memory' }))).rows;
  };

  it('when the worker script fails to load: same rows, told once', async () => {
    const c = new Coordinator({ worker: true, workerUrl: new URL('/no-such-pulso-worker.js', location.href).href });
    c.configure({ worker: 'auto' });
    const { rows, problems } = await heardAfter(c, [new MemoryAdapter({ customers }), new MemoryAdapter({ customers })]);
    const want = await expected();
    expect(want.length).to.be.greaterThan(0);
    expect(rows).to.deep.equal([want, want]);
    expect(problems.map((p) => p.code)).to.deep.equal(['worker-unavailable']);
    expect(problems[0].message).to.match(/main thread/);
  });

  it('when `new Worker` throws: same rows, told once', async () => {
    const c = new Coordinator({ worker: true, workerUrl: 'http://[invalid' });
    c.configure({ worker: 'auto' });
    const { rows, problems } = await heardAfter(c, [new MemoryAdapter({ customers }), new MemoryAdapter({ customers })]);
    expect(rows).to.deep.equal([await expected(), await expected()]);
    expect(problems.map((p) => p.code)).to.deep.equal(['worker-unavailable']);
  });

  it('when the worker started early (warm) failed before any source: same rows, told once to the first source', async () => {
    const c = new Coordinator({ worker: true, workerUrl: new URL('/no-such-pulso-worker-warm.js', location.href).href });
    c.configure({ worker: 'auto' });
    c.warm();
    await waitUntil(() => c.workerProblem !== undefined, 'the warmed worker never failed', { timeout: 20_000 });
    const { rows, problems } = await heardAfter(c, [new MemoryAdapter({ customers }), new MemoryAdapter({ customers })]);
    expect(rows).to.deep.equal([await expected(), await expected()]);
    expect(problems.map((p) => p.code)).to.deep.equal(['worker-unavailable']);
  });

  it("with worker 'off': nothing to tell", async () => {
    const c = new Coordinator({ worker: true });
    c.configure({ worker: 'off' });
    const { rows, problems } = await heardAfter(c, [new MemoryAdapter({ customers })]);
    expect(rows).to.deep.equal([await expected()]);
    expect(problems).to.deep.equal([]);
  });
});

describe("the `worker` setting of a source ('off' keeps its work here, whatever the page says)", () => {
  it("opens a source with worker 'off' on the main thread and one without it in the worker", async () => {
    const c = new Coordinator({ worker: true });
    c.configure({ worker: 'auto' });
    const adapter = new MemoryAdapter({ customers });
    const here = c.source(adapter, { mode: 'memory', worker: 'off' });
    const there = c.source(adapter, { mode: 'memory' });
    expect(here).to.not.equal(there);
    const [a, b] = [await c.run(query, here), await c.run(query, there)];
    expect(c.placement(here)).to.equal('main');
    expect(c.placement(there)).to.equal('worker');
    expect(a.rows).to.deep.equal(b.rows);
  });

  it('refuses a value other than auto or off, as a setting problem', () => {
    const c = new Coordinator({ worker: true });
    expect(c.settingProblem({ worker: 'sometimes' })?.message).to.equal("worker must be 'auto' or 'off'; got 'sometimes' (using the page's setting)");
  });
});
