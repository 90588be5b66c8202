// The funnel on a real two-shard ClickHouse cluster against runQuery, on the shapes
// where ClickHouse 18.16's own windowFunnel and SPEC §3.5 part ways, or where array code
// slips: a later start than the chain's own, a step name repeated (one event fills one
// step), events at one instant (ordered by step position, other events after them), an
// event exactly at the deadline and one second past it, a later attempt that gets
// further, another event between two steps (strict), starts at `from` and `to`, and a
// calendar-day window across a DST change. Each shape is a segment of its own (`by:
// 'shape'`), so each shape's counts and fastest times are compared on their own; the
// sources sharded by customer and not (on rows split by row, and every other query on rows
// split by customer), and `by` a customer attribute (a join), all run; the rows split by
// customer are in columns of plain types (String, DateTime), the others in Nullable ones.
import { runQuery } from '../../src/query/run.js';
import { createSqlSource, type SqlSource } from '../../src/server/index.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster, type ChFixture } from './clickhouse-cluster.js';
import { expectSameRows } from './equal.js';
import type { TestTables } from './engines.js';

const T0 = Date.UTC(2021, 2, 1);
const S = 1000;
/** Per shape, its customers' events as [seconds after T0, event]. */
const SHAPES: Record<string, [number, string][][]> = {
  latest_start: [[[0, 'a'], [1, 'b'], [20, 'a'], [25, 'c']], [[0, 'a'], [2, 'b'], [9, 'a'], [12, 'c'], [13, 'b']]],
  same_instant: [[[5, 'b'], [5, 'a'], [6, 'c']], [[0, 'c'], [0, 'b'], [0, 'a']], [[0, 'a'], [0, 'x'], [0, 'b'], [1, 'c']]],
  at_deadline: [[[0, 'a'], [5, 'b'], [10, 'c']], [[0, 'a'], [5, 'b'], [11, 'c']], [[0, 'a'], [10, 'b'], [10, 'c']]],
  later_further: [[[0, 'a'], [9, 'b'], [100, 'a'], [101, 'b'], [102, 'c']], [[0, 'a'], [1, 'b'], [50, 'a'], [58, 'b'], [59, 'c']]],
  out_of_order: [[[0, 'b'], [1, 'a'], [2, 'c']], [[0, 'c'], [1, 'b'], [2, 'a'], [3, 'b']]],
  between: [[[0, 'a'], [1, 'x'], [2, 'b'], [3, 'c']], [[0, 'a'], [1, 'b'], [1, 'x'], [2, 'c']], [[0, 'a'], [1, 'a'], [2, 'b'], [3, 'c']]],
  repeated: [[[0, 'a'], [1, 'b']], [[0, 'a'], [1, 'b'], [2, 'b']], [[0, 'a'], [0, 'a'], [0, 'b']], [[0, 'a'], [3, 'b'], [4, 'a'], [5, 'c'], [6, 'b']]],
  restarts: [[[0, 'a'], [3, 'b'], [5, 'a'], [12, 'c']], [[0, 'a'], [6, 'a'], [8, 'b'], [12, 'c'], [17, 'c']], [[0, 'b'], [3, 'a'], [4, 'a'], [9, 'c'], [14, 'b']]],
  range_ends: [[[-5, 'a'], [1, 'b'], [2, 'c']], [[-1, 'a'], [0, 'a'], [1, 'b']], [[3599, 'a'], [3600, 'a'], [3602, 'b'], [3603, 'c']]],
  // 2021-03-13 12:00 in New York (EST) and the next day's 12:00 (EDT) are 23 h apart.
  dst: [[[12 * 86400 + 17 * 3600, 'a'], [13 * 86400 + 16 * 3600 + 1800, 'b']], [[12 * 86400 + 17 * 3600, 'a'], [13 * 86400 + 15 * 3600, 'b'], [13 * 86400 + 15 * 3600, 'c']]],
};

function tables(): TestTables {
  const activity: Record<string, unknown>[] = [];
  const customers: Record<string, unknown>[] = [];
  for (const [shape, units] of Object.entries(SHAPES)) {
    units.forEach((events, i) => {
      const id = `${shape}-${i}`;
      customers.push({ customer_id: id, signup_at: T0 - 86400 * S, plan: i % 2 ? 'odd' : 'even' });
      for (const [t, event] of events) activity.push({ customer_id: id, at: T0 + t * S, event, shape });
    });
  }
  return {
    activity: { columns: { customer_id: 'text', at: 'ts', event: 'text', shape: 'text' }, rows: activity },
    customers: { columns: { customer_id: 'text', signup_at: 'ts', plan: 'text' }, rows: customers },
  };
}

const STEPS = [['a', 'b', 'c'], ['a', 'b', 'b'], ['a', 'a', 'b'], ['a', 'b', 'a'], ['c', 'b', 'a'], ['a', 'b']];
const WINDOWS: unknown[] = [10 * S, 10.5 * S, 'P1D'];

function queries(): MetricQuery[] {
  const out: MetricQuery[] = [];
  for (const order of ['ordered', 'strict', 'any'])
    for (const steps of STEPS)
      for (const window of WINDOWS) out.push({ metric: 'funnel', options: { steps, order, window, by: 'shape' } });
  const range = { from: new Date(T0).toISOString(), to: new Date(T0 + 3600 * S).toISOString() };
  for (const order of ['ordered', 'strict', 'any']) {
    out.push({ metric: 'funnel', options: { steps: ['a', 'b', 'c'], order, window: 10 * S, by: 'shape', ...range } });
    out.push({ metric: 'funnel', options: { steps: ['a', 'b', 'c'], order, window: 'P1D', timeZone: 'America/New_York', by: 'shape' } });
    out.push({ metric: 'funnel', options: { steps: ['a', 'b', 'c'], order, window: 'P1D', by: 'plan', ...range } });
    out.push({ metric: 'funnel', options: { steps: ['a', 'b', 'a', 'c'], order, window: 0 } });
  }
  return out;
}

describe('ClickHouse funnel (two shards) equals runQuery on windowFunnel-adversarial shapes', function () {
  this.timeout(300_000);
  const data = tables();
  const js = Object.fromEntries(Object.entries(data).map(([n, t]) => [n, t.rows])) as unknown as Tables;
  let fx: ChFixture;
  let sharded: ChFixture;
  let plain: SqlSource;
  before(async function () {
    const urls = needClickHouse(this);
    fx = await clickhouseFixture(urls, data);
    sharded = await clickhouseFixture(urls, data, 'customer_id', true);
    plain = createSqlSource({ engine: 'clickhouse', url: urls[0], database: sharded.database });
  });
  after(async () => {
    await plain?.close();
    await sharded?.close();
    await fx?.close();
    stopOwnCluster();
  });

  const all = queries();
  it(`${all.length} queries, rows split by row and by customer`, async () => {
    for (const [i, query] of all.entries()) {
      const label = JSON.stringify(query.options);
      const expected = runQuery(js, query);
      expectSameRows(await fx.source.aggregate(query), expected, `default ${label}`);
      expectSameRows(await sharded.source.aggregate(query), expected, `shardedBy ${label}`);
      if (i % 2) expectSameRows(await plain.aggregate(query), expected, `default, by customer ${label}`);
    }
  });
});
