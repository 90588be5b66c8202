// The worker and the main thread give the same rows (issue: off the main thread): for
// every metric, seeded data sets, options and filters, a coordinator that sends the query
// to Pulso's module Worker answers exactly what one that computes on the main thread
// (worker 'off') answers — rows, reports, and refusals alike. Browser only (a Worker).
import { expect } from 'chai';
import fc from 'fast-check';
import * as aq from 'arquero';
import { ArrowAdapter } from '../../src/adapters/arrow.js';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricName, MetricQuery, QueryFilter } from '../../src/query/types.js';
import { rowExtras } from '../../src/query/extras.js';
import { Coordinator } from '../../src/source/coordinator.js';
import { dataArb, dataArbOf, filtersArb } from '../query/oracle.js';
import { OPTIONS } from '../query/metric-options.js';

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** What a coordinator answers: rows and report, or the error's name and message. */
async function outcome(c: Coordinator, adapter: MemoryAdapter, query: MetricQuery): Promise<unknown> {
  try {
    const { rows, report, reached, at } = await c.run(query, c.source(adapter, { mode: 'off' }));
    // The array's own named properties too (retention's `excluded`), which deep equality skips.
    return { rows, extras: rowExtras(rows), report, reached, at };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('the worker and the main thread give identical answers', function () {
  this.timeout(120_000);
  const worker = new Coordinator({ worker: true });
  const main = new Coordinator({ worker: true });
  worker.configure({ worker: 'auto' });
  main.configure({ worker: 'off' });

  it('computes in the worker when asked to, and on the main thread with worker off', async () => {
    const adapter = new MemoryAdapter({ customers: [{ customer_id: 'c1', signup_at: '2025-01-02' }] });
    const q: MetricQuery = { metric: 'values', options: { column: 'customer_id', table: 'customers' } };
    await worker.run(q, worker.source(adapter, { mode: 'off' }));
    expect(worker.placement(worker.source(adapter, { mode: 'off' }))).to.equal('worker');
    expect(main.placement(main.source(adapter, { mode: 'off' }))).to.equal('main');
  });

  for (const metric of Object.keys(OPTIONS) as MetricName[]) {
    it(metric, async () => {
      const data = metric === 'atRisk' ? dataArbOf({ customers: 7, activity: 25, surveys: 12, tickets: 8 }) : dataArb;
      const cases = fc.sample(fc.tuple(data, OPTIONS[metric], filtersArb), { seed: 0x14b + metric.length, numRuns: 12 });
      let withRows = 0;
      for (const [tables, options, filters] of cases) {
        const adapter = new MemoryAdapter(tables as Tables);
        const query: MetricQuery = { metric, options: clean(options), filters: filters as QueryFilter[] };
        const there = await outcome(worker, adapter, query);
        const here = await outcome(main, adapter, query);
        expect(there, JSON.stringify(query)).to.deep.equal(here);
        if ((here as { rows?: unknown[] }).rows?.length) withRows++;
      }
      expect(withRows, 'cases with rows').to.be.greaterThan(0);
    });
  }
});

describe('Arrow bytes held by the page cross in slices', function () {
  this.timeout(120_000);
  it('a table of several slices answers in the worker as on the main thread, and the page keeps its bytes', async () => {
    const n = 400_000;
    const activity = aq.table({
      customer_id: Array.from({ length: n }, (_, i) => `customer-${i % 5000}`),
      at: Array.from({ length: n }, (_, i) => new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000).toISOString()),
      event: Array.from({ length: n }, (_, i) => ['signup', 'login', 'teleconsult'][i % 3]),
    });
    const bytes = aq.toArrowIPC(activity, { format: 'stream' }) as Uint8Array;
    expect(bytes.byteLength, 'several 1 MB copy steps').to.be.greaterThan(4 * 1024 * 1024);
    const copy = bytes.slice();
    const adapter = new ArrowAdapter({ tables: { activity: bytes } });
    const query: MetricQuery = { metric: 'funnel', options: { steps: ['signup', 'login', 'teleconsult'], window: 'P30D' } };
    const worker = new Coordinator({ worker: true });
    worker.configure({ worker: 'auto' });
    const main = new Coordinator({ worker: false });
    const source = worker.source(adapter, { mode: 'off' });
    const there = await worker.run(query, source);
    expect(worker.placement(source)).to.equal('worker');
    const here = await main.run(query, main.source(adapter, { mode: 'off' }));
    expect(there.rows).to.deep.equal(here.rows);
    expect(there.rows[0]).to.include({ entered: 5000 });
    expect(bytes).to.deep.equal(copy);
  });
});
