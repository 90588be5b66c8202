// When Pulso's worker starts and stops (src/source/page-worker.ts): started early, once,
// when the elements are defined (so a dashboard set with its data finds it ready), used
// by the first source without a second start, and stopped while unused when the page
// turns the worker off, sets a `now` clock, or shows no widget in time. Browser only.
import { waitUntil } from '@open-wc/testing';
import { expect } from 'chai';
import { CsvAdapter } from '../../src/adapters/csv.js';
import { JsonAdapter } from '../../src/adapters/json.js';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { MetricQuery } from '../../src/query/types.js';
import { Coordinator } from '../../src/source/coordinator.js';

const customers = [
  { customer_id: 'a', signup_at: '2025-01-03', plan: 'x' },
  { customer_id: 'b', signup_at: '2025-01-20', churned_at: '2025-03-02', plan: 'y' },
];
const query: MetricQuery = { metric: 'retention', options: { asOf: '2025-05-01', by: 'plan' } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Past the page's next idle moment (where an early start happens) and a task more. */
const pastIdle = () => new Promise<void>((r) => requestIdleCallback(() => setTimeout(r, 0), { timeout: 1000 }));

function page(unwantedWorkerMs?: number): Coordinator {
  const c = new Coordinator({ worker: true, ...(unwantedWorkerMs === undefined ? {} : { unwantedWorkerMs }) });
  c.configure({ worker: 'auto' });
  return c;
}

describe("Pulso's worker starts early, once", function () {
  this.timeout(60_000);

  it('starts at the first idle moment after the elements are defined, before any widget, and the first source uses that one', async () => {
    const c = page();
    c.warmEarly();
    c.warmEarly();
    expect(c.worker.starts, 'not in the task that defined the elements').to.equal(0);
    await pastIdle();
    expect(c.worker.starts).to.equal(1);
    expect(c.worker.idle).to.equal(true);
    c.warm(); // a widget joins the page
    const source = c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
    const { rows } = await c.run(query, source);
    expect(c.placement(source)).to.equal('worker');
    expect(rows.length).to.be.greaterThan(0);
    c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
    expect(c.worker.starts, 'one worker for the page').to.equal(1);
  });

  it('gives the same rows as the main thread from the worker started early', async () => {
    const c = page();
    c.warmEarly();
    await pastIdle();
    const main = new Coordinator({ worker: false });
    const there = await c.run(query, c.source(new MemoryAdapter({ customers }), { mode: 'memory' }));
    const here = await main.run(query, main.source(new MemoryAdapter({ customers }), { mode: 'memory' }));
    expect(there.at).to.equal('browser');
    expect(there.rows).to.deep.equal(here.rows);
    expect(there.report).to.deep.equal(here.report);
  });

  it('stops the early worker when no widget joins the page in time; a widget later starts another', async () => {
    const c = page(200);
    c.warmEarly();
    await pastIdle();
    expect(c.worker.idle).to.equal(true);
    await waitUntil(() => !c.worker.idle, 'the unwanted worker was not stopped', { timeout: 5_000 });
    expect(c.worker.starts).to.equal(1);
    c.warm();
    expect(c.worker.starts).to.equal(2);
    const source = c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
    await c.run(query, source);
    expect(c.placement(source)).to.equal('worker');
    expect(c.worker.starts).to.equal(2);
  });

  it('keeps the early worker once a widget joined the page', async () => {
    const c = page(200);
    c.warmEarly();
    await pastIdle();
    c.warm();
    await sleep(600);
    expect(c.worker.idle).to.equal(true);
    expect(c.worker.starts).to.equal(1);
  });

  it("starts none when the page turns the worker off as it loads (configureCache({ worker: 'off' }))", async () => {
    const c = page();
    c.warmEarly();
    c.configure({ worker: 'off' });
    await pastIdle();
    c.warm();
    expect(c.worker.starts).to.equal(0);
    const source = c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
    await c.run(query, source);
    expect(c.placement(source)).to.equal('main');
    expect(c.workerProblem).to.equal(undefined);
  });

  for (const [what, config] of [
    ["worker 'off'", { worker: 'off' as const }],
    ['a `now` clock', { worker: 'auto' as const, now: () => Date.parse('2025-06-01') }],
  ] as const) {
    it(`stops the unused early worker when the page then sets ${what}`, async () => {
      const c = page();
      c.warmEarly();
      await pastIdle();
      expect(c.worker.idle).to.equal(true);
      c.configure(config);
      expect(c.worker.idle).to.equal(false);
      const source = c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
      await c.run(query, source);
      expect(c.placement(source)).to.equal('main');
      expect(c.worker.starts).to.equal(1);
    });
  }

  it('keeps a worker a source already uses when the page then turns the worker off (its sources keep working)', async () => {
    const c = page();
    c.warmEarly();
    await pastIdle();
    const adapter = new MemoryAdapter({ customers });
    const before = c.source(adapter, { mode: 'memory' });
    const want = (await c.run(query, before)).rows;
    c.configure({ worker: 'off' });
    expect(c.worker.idle).to.equal(false);
    expect((await c.run(query, before)).rows).to.deep.equal(want);
    expect(c.placement(before)).to.equal('worker');
  });
});

describe("a page controlled by a service worker that is going away", function () {
  this.timeout(30_000);

  it('keeps a source whose data the worker would fetch on the main thread; rows and bytes still go to the worker', async () => {
    // Such a page still has a controller, but its registration never becomes ready (this page
    // has none at all): a worker started now would fetch past it (msw's, after a reload).
    expect(navigator.serviceWorker.controller, 'the test page is not controlled').to.equal(null);
    const going = { state: 'activated' };
    Object.defineProperty(navigator.serviceWorker, 'controller', { configurable: true, get: () => going });
    try {
      const c = page();
      c.warm();
      const json = c.source(new JsonAdapter({ base: '/api' }), { mode: 'memory' });
      const csv = c.source(new CsvAdapter({ url: { customers: '/customers.csv' } }), { mode: 'memory' });
      const rows = c.source(new MemoryAdapter({ customers }), { mode: 'memory' });
      expect([c.placement(json), c.placement(csv), c.placement(rows)]).to.deep.equal(['main', 'main', 'worker']);
      expect(c.worker.starts, 'one worker for the page').to.equal(1);
      const { rows: answer } = await c.run(query, rows);
      expect(answer.length).to.be.greaterThan(0);
    } finally {
      delete (navigator.serviceWorker as { controller?: unknown }).controller;
    }
    // Not controlled: the JSON adapter's source goes to the worker as before.
    const c = page();
    expect(c.placement(c.source(new JsonAdapter({ base: '/api' }), { mode: 'memory' }))).to.equal('worker');
  });
});

describe('the page that loads the elements', function () {
  this.timeout(30_000);

  it("starts the page's worker once, without any widget on the page", async () => {
    const { coordinator } = await import('../../src/source/coordinator.js');
    expect(document.querySelector('pulso-dashboard, pulso-kpi, pulso-channel-csat')).to.equal(null);
    await import('../../components/index.js');
    await pastIdle();
    await waitUntil(() => coordinator.worker.starts === 1, 'the elements did not start the worker', { timeout: 5_000 });
    expect(coordinator.worker.idle).to.equal(true);
    await pastIdle();
    expect(coordinator.worker.starts).to.equal(1);
  });
});
