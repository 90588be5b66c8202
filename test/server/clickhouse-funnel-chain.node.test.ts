// The ordered funnel's chain of key distances (src/server/clickhouse/compile/funnel-chain.ts)
// against runQuery on many made-up customers, where hand-picked shapes would miss a slip:
// each customer's events fall on a few seconds 5 s apart (so many share a millisecond and
// many sit exactly at a deadline), step names repeat (consecutive ones shift the chain by one
// event), and a window one second shorter changes the answer. The data is checked to
// reach every middle level, so counts past level 1 and fastest times are compared. Run
// sharded by customer and not, and without a segment, `by` an activity column and `by`
// a customer attribute (a join), folded into "(others)", and with a range of starts.
import { runQuery } from '../../src/query/run.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster, type ChFixture } from './clickhouse-cluster.js';
import { expectSameRows } from './equal.js';
import type { TestTables } from './engines.js';
import { expect } from 'chai';
import { createClient } from '@clickhouse/client';
import { rng } from '../../demo/data/random.js';
import { TWO_LEVEL } from '../../src/server/clickhouse/shards.js';

const T0 = Date.UTC(2021, 2, 1);
const S = 1000;

function tables(): TestTables {
  const next = rng(19);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const activity: Record<string, unknown>[] = [];
  const customers: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    const id = `c${i}`;
    customers.push({ customer_id: id, signup_at: T0 - 86400 * S, plan: pick(['basic', 'plus', 'pro']) });
    // A handful of instants per customer, several events at each: ties and exact deadlines.
    const instants = Array.from({ length: 1 + Math.floor(next() * 5) }, () => 5 * Math.floor(next() * 8));
    const n = Math.floor(next() * 24);
    for (let k = 0; k < n; k++)
      activity.push({ customer_id: id, at: T0 + pick(instants) * S, event: pick(['a', 'a', 'b', 'b', 'c', 'x']), src: pick(['app', 'web']) });
  }
  // Segment `spaced` (by: 'src'): no two events at one instant, so a repeated step's time
  // is never 0 (the event that ends a chain at one level is not the one that extends it).
  for (let i = 0; i < 6; i++) {
    const id = `s${i}`;
    customers.push({ customer_id: id, signup_at: T0 - 86400 * S, plan: 'basic' });
    [[0, 'a'], [2 + (i % 3), 'a'], [4 + (i % 3), 'b'], [5 + i, 'b'], [7 + i, 'a'], [8 + i, 'c']].forEach(([t, event]) =>
      activity.push({ customer_id: id, at: T0 + (t as number) * S, event, src: 'spaced' }),
    );
  }
  return {
    activity: { columns: { customer_id: 'text', at: 'ts', event: 'text', src: 'text' }, rows: activity },
    customers: { columns: { customer_id: 'text', signup_at: 'ts', plan: 'text' }, rows: customers },
  };
}

const STEPS = [
  ['a', 'b', 'c'],
  ['a', 'a', 'b'],
  ['a', 'b', 'b'],
  ['a', 'a', 'a'],
  ['b', 'a', 'b', 'c'],
  ['a', 'b', 'a', 'b', 'c', 'a', 'a', 'b', 'c', 'c'],
];
// 10 s and the second shorter; PT0S: every step at the start's instant.
const WINDOWS: unknown[] = [10 * S, 9 * S, 'PT0S', 'P1D'];

function queries(): MetricQuery[] {
  const out: MetricQuery[] = [];
  const range = { from: new Date(T0 + 5 * S).toISOString(), to: new Date(T0 + 20 * S).toISOString() };
  for (const steps of STEPS)
    for (const window of WINDOWS)
      for (const by of [undefined, 'src', 'plan']) out.push({ metric: 'funnel', options: { steps, window, by, minSample: 1 } });
  for (const steps of STEPS.slice(0, 3)) {
    out.push({ metric: 'funnel', options: { steps, window: 10 * S, ...range } });
    out.push({ metric: 'funnel', options: { steps, window: 9 * S, by: 'src', ...range } });
    out.push({ metric: 'funnel', options: { steps, window: 10 * S, by: 'plan', keepSegments: ['pro'] } });
  }
  // The other orders and calendar windows (funnel-arrays.ts), bound as subquery columns too.
  for (const order of ['strict', 'any'])
    for (const steps of STEPS.slice(0, 3))
      for (const by of [undefined, 'src']) out.push({ metric: 'funnel', options: { steps, order, window: 10 * S, by, minSample: 1 } });
  out.push({ metric: 'funnel', options: { steps: ['a', 'a', 'b'], window: 'P1D', timeZone: 'America/New_York', by: 'src' } });
  return out;
}

describe('ClickHouse funnel (two shards): the chain of key distances (ordered) and the arrays (strict, any) equal runQuery on random customers', function () {
  this.timeout(300_000);
  const data = tables();
  const js = Object.fromEntries(Object.entries(data).map(([n, t]) => [n, t.rows])) as unknown as Tables;
  let fx: ChFixture;
  let sharded: ChFixture;
  let urls: string[];
  before(async function () {
    urls = needClickHouse(this);
    fx = await clickhouseFixture(urls, data);
    sharded = await clickhouseFixture(urls, data, 'customer_id');
  });
  after(async () => {
    await sharded?.close();
    await fx?.close();
    stopOwnCluster();
  });

  it('reaches every middle level, and a second less of window changes the answer', () => {
    const entered = (steps: string[], window: number) =>
      (runQuery(js, { metric: 'funnel', options: { steps, window } }) as unknown as { entered: number }[]).map((r) => r.entered);
    for (const steps of STEPS) {
      const counts = entered(steps, 10 * S);
      // Every level is reached; in the short lists some customers stop at each level
      // (a step repeating the one before may keep all of them).
      for (let j = 1; j < counts.length; j++) {
        const drop = steps.length <= 4 && steps[j] !== steps[j - 1] ? 1 : 0;
        expect(counts[j], `${steps} level ${j + 1}`).to.be.within(1, counts[j - 1] - drop);
      }
      expect(entered(steps, 9 * S), `${steps} 9 s`).to.not.deep.equal(counts);
    }
  });

  const all = queries();
  it(`${all.length} queries, rows split by row and by customer`, async () => {
    for (const query of all) {
      const label = JSON.stringify(query.options);
      const expected = runQuery(js, query);
      const answer = (source: ChFixture['source'], name: string) =>
        source.aggregate(query).catch((e: Error) => Promise.reject(new Error(`${name} ${label}: ${e.message}`)));
      expectSameRows(await answer(fx.source, 'default'), expected, `default ${label}`);
      expectSameRows(await answer(sharded.source, 'shardedBy'), expected, `shardedBy ${label}`);
    }
  });

  // The data has fewer customers than TWO_LEVEL's threshold, so the queries above group in
  // one level; here the same statements run two-level from the first key, as they do at scale.
  it('gives the same rows when the customers are grouped two-level (TWO_LEVEL, as at scale)', async () => {
    const client = createClient({ url: urls[0] });
    const rows = async (text: string) =>
      JSON.stringify(((await (await client.query({ query: text, format: 'JSONEachRow' })).json()) as unknown[]).map((r) => JSON.stringify(r)).sort());
    try {
      for (const source of [fx.source, sharded.source])
        for (const query of all.filter((_, i) => i % 9 === 0)) {
          const [statement] = await source.sql(query);
          expect(statement.text).to.contain(TWO_LEVEL);
          const fromFirstKey = statement.text.replace('group_by_two_level_threshold = 1000', 'group_by_two_level_threshold = 1');
          expect(await rows(fromFirstKey), JSON.stringify(query.options)).to.equal(await rows(statement.text));
        }
    } finally {
      await client.close();
    }
  });
});
