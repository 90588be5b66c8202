import { expect } from 'chai';
import { table, toArrowIPC } from 'arquero';
import type { ColumnTable } from 'arquero';
import { ArrowAdapter } from '../../src/adapters/arrow.js';
import { loadArrow } from '../../src/adapters/arrow-codec.js';
import { MemoryAdapter } from '../../src/adapters/memory.js';
import type { TableName } from '../../src/data/schema.js';
import { Incoming } from '../../src/worker/incoming.js';
import { describe as describeAdapter } from '../../src/worker/recipe.js';

/** Every column's values (objects() compiles code from strings, which the tests forbid). */
const rowsOf = (t: ColumnTable): Record<string, unknown[]> =>
  Object.fromEntries(t.columnNames().map((c) => [c, Array.from(t.column(c) as unknown as ArrayLike<unknown>)]));
const customers = toArrowIPC(table({ customer_id: ['a', 'b', 'c'], plan: ['pro', 'free', 'pro'] }), { format: 'stream' }) as Uint8Array;
const surveys = toArrowIPC(
  table({ at: [Date.UTC(2025, 0, 1), Date.UTC(2025, 0, 2)], kind: ['nps', 'csat'], score: [9, 4] }),
  { format: 'stream' },
) as Uint8Array;

/**
 * Whether `promise` has settled once the queued work has run: a few tasks let through (a
 * load takes several steps, and a loaded machine runs timers late), or, when `within` ms
 * are given, as soon as it settles if that is sooner.
 */
async function settled(promise: Promise<unknown>, within = 0): Promise<boolean> {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  const until = performance.now() + within;
  for (let i = 0; i < 10 || (!done && performance.now() < until); i++) await new Promise((r) => setTimeout(r, 0));
  return done;
}

/** A page's Arrow adapter as the worker receives it: the recipe, then each table's bytes in `size`-byte slices ([from, upTo)). */
function arrowIncoming(tables: Partial<Record<TableName, Uint8Array>>) {
  const host = new ArrowAdapter({ id: 'arrow-test', tables });
  const described = describeAdapter(host)!;
  const incoming = new Incoming(described.recipe, Object.keys(described.bytes!) as TableName[]);
  const send = (name: TableName, size: number, from = 0, upTo = Infinity): void => {
    const bytes = described.bytes![name]!;
    for (let i = from; i < Math.min(bytes.byteLength, upTo); i += size) incoming.addBytes(name, bytes.slice(i, i + size), i, bytes.byteLength);
  };
  return { host, incoming, send };
}

describe('worker/Incoming', () => {
  // Loaded once here, so a load that may go on is done after the queued work (settled()).
  before(() => loadArrow());

  it("loads a table once its own slices are in, while another table's are still arriving", async () => {
    const { host, incoming, send } = arrowIncoming({ customers, surveys });
    const adapter = incoming.adapter;
    expect(adapter.id).to.equal('arrow-test');
    const customersLoad = adapter.load({ table: 'customers' });
    const surveysLoad = adapter.load({ table: 'surveys' });
    send('customers', 100);
    send('surveys', 100, 0, 200);
    expect(await settled(customersLoad, 5_000)).to.equal(true);
    expect(await settled(surveysLoad)).to.equal(false);
    expect(rowsOf((await customersLoad) as ColumnTable)).to.deep.equal(rowsOf(await host.load({ table: 'customers' })));
    send('surveys', 100, 200);
    expect(rowsOf((await surveysLoad) as ColumnTable)).to.deep.equal(rowsOf(await host.load({ table: 'surveys' })));
    // Loaded again (a refresh, a time to live gone by): the same table.
    expect(await adapter.load({ table: 'customers' })).to.equal(await customersLoad);
    // Tables with no bytes coming load at once, as the page's adapter loads them (empty).
    expect(((await adapter.load({ table: 'tickets' })) as ColumnTable).numRows()).to.equal(0);
  });

  it('loads the tables one at a time, in the order asked', async () => {
    const { incoming, send } = arrowIncoming({ customers, surveys });
    send('customers', 100);
    send('surveys', 100);
    const order: string[] = [];
    const first = incoming.adapter.load({ table: 'surveys' }).then(() => order.push('surveys'));
    const second = incoming.adapter.load({ table: 'customers' }).then(() => order.push('customers'));
    await first;
    // What the first table's load queued runs before the second table's starts.
    await Promise.resolve();
    expect(order).to.deep.equal(['surveys']);
    await second;
    expect(order).to.deep.equal(['surveys', 'customers']);
  });

  it('takes a table sent in one slice as it is, without copying its bytes', async () => {
    const { host, incoming } = arrowIncoming({ surveys });
    // What the page transfers: one copy of the whole table (client.ts).
    const whole = surveys.slice();
    incoming.addBytes('surveys', whole, 0, whole.byteLength);
    const loaded = (await incoming.adapter.load({ table: 'surveys' })) as ColumnTable;
    expect(rowsOf(loaded)).to.deep.equal(rowsOf(await host.load({ table: 'surveys' })));
    // The decoded columns read the transferred buffer itself: a copy in the worker costs it
    // ~17 ms per 4 MB of fresh memory at 1M events (bench/RESULTS.md, "h14cold5").
    const score = loaded.column('score') as unknown as { data: { values: Uint8Array }[] };
    expect(score.data[0].values.buffer).to.equal(whole.buffer);
  });

  it("waits for a memory table's last slice of rows", async () => {
    const rows = [
      { customer_id: 'a', signup_at: '2025-01-01T00:00:00Z' },
      { customer_id: 'b', signup_at: '2025-02-01T00:00:00Z' },
    ];
    const host = new MemoryAdapter({ customers: rows }, { id: 'mem-test' });
    const incoming = new Incoming(describeAdapter(host)!.recipe, ['customers']);
    const load = incoming.adapter.load({ table: 'customers' });
    incoming.addRows('customers', rows.slice(0, 1), false);
    expect(await settled(load)).to.equal(false);
    incoming.addRows('customers', rows.slice(1), true);
    expect(rowsOf((await load) as ColumnTable)).to.deep.equal(rowsOf(await host.load({ table: 'customers' })));
    expect(incoming.adapter.id).to.equal('mem-test');
  });

  it('stops waiting when the load is aborted', async () => {
    const { incoming } = arrowIncoming({ customers });
    const controller = new AbortController();
    const load = incoming.adapter.load({ table: 'customers' }, controller.signal);
    const reason = new DOMException('gone', 'AbortError');
    controller.abort(reason);
    let caught: unknown;
    await load.catch((e: unknown) => (caught = e));
    expect(caught).to.equal(reason);
  });
});
