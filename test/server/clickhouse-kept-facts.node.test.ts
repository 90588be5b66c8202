// Validation facts kept on disk (createSqlSource's factsFile, pulso-serve --facts-file;
// src/server/clickhouse/kept-facts.ts): a source started again on tables whose parts did
// not change takes the facts from the file instead of learning them; on changed parts —
// rows added, or a table dropped and written again under the same part names — it
// learns again, and its answers stay equal to runQuery.
import { expect } from 'chai';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { runQuery } from '../../src/query/run.js';
import { createSqlSource } from '../../src/server/index.js';
import type { Tables } from '../../src/data/schema.js';
import type { MetricQuery } from '../../src/query/types.js';
import { clickhouseFixture, needClickHouse, stopOwnCluster } from './clickhouse-cluster.js';
import { expectSameRows } from './equal.js';

const H = 3_600_000;
const T0 = Date.parse('2021-01-01T00:00:00Z');
const EVENTS = ['login', 'teleconsult', 'booked'];
const ACTIVITY = { customer_id: 'text', at: 'ts', event: 'text', platform: 'text' } as const;
type Rows = Record<string, unknown>[];
const extent: MetricQuery = { metric: 'extent', options: { table: 'activity' } };
const adoption: MetricQuery = { metric: 'featureAdoption', options: { features: ['teleconsult'], period: 'month' } };

describe('SQL source (clickhouse): validation facts kept in a file for a restart', function () {
  this.timeout(300_000);
  let urls: string[];
  let dir: string;
  before(async function () {
    urls = needClickHouse(this);
    dir = await mkdtemp(join(tmpdir(), 'pulso-facts-'));
  });
  after(async () => {
    stopOwnCluster();
    if (dir && !process.env.KEEP) await rm(dir, { recursive: true, force: true });
  });

  it('reuses the kept facts on unchanged parts, and learns again when the parts changed', async () => {
    const activity: Rows = Array.from({ length: 200 }, (_, i) => ({ customer_id: `c${i % 40}`, at: T0 + i * 7 * H, event: EVENTS[i % 3], platform: 'web' }));
    const fx = await clickhouseFixture(urls, { activity: { columns: ACTIVITY, rows: activity } });
    const file = join(dir, 'facts.json');
    const open = () => createSqlSource({ engine: 'clickhouse', url: urls[0], database: fx.database, factsFile: file });
    const check = async (source: ReturnType<typeof open>, rows: Rows, label: string) => {
      for (const q of [extent, adoption])
        expectSameRows(await source.aggregate(q), runQuery({ activity: rows } as unknown as Tables, q), `${label} ${q.metric}`);
    };
    const sources: ReturnType<typeof open>[] = [];
    const started = () => {
      sources.push(open());
      return sources[sources.length - 1];
    };
    try {
      // The first start learns (clean rows: extent reads the time column alone) and keeps the facts.
      const first = started();
      await check(first, activity, 'first start');
      expect((await first.sql(extent))[0].text).not.to.contain('customer_id');
      const kept = await readFile(file, 'utf8');
      // A restart on the same parts takes the file's facts as they are, without learning:
      // told (falsely) that some row misses its id, it checks ids, which learning would not.
      const told = JSON.parse(kept) as { answers: [string, Rows[]][] };
      expect(told.answers).to.have.length(1);
      told.answers[0][1][0].push({ problem: 'customer_id|missing', n: '1', d: '1' });
      await writeFile(file, JSON.stringify(told));
      expect((await started().sql(extent))[0].text).to.contain('customer_id');
      await writeFile(file, kept);
      const again = started();
      await check(again, activity, 'restart');
      expect((await again.sql(extent))[0].text).not.to.contain('customer_id');
      const later: Rows = [
        { customer_id: '  ', at: T0 + 5000 * H, event: 'login', platform: 'web' },
        { customer_id: ' c1 ', at: T0 + 4000 * H, event: ' teleconsult', platform: 'web' },
      ];
      // The table dropped and written again under the same part names (one insert per shard),
      // a blank and a padded id among its rows: learnt again, every rule they need.
      const shards = urls.map((url) => createClient({ url, compression: { request: false, response: false } }));
      try {
        for (const c of shards) {
          const create = (await (await c.query({ query: `SHOW CREATE TABLE ${fx.database}.activity_local`, format: 'JSONEachRow' })).json<{ statement: string }>())[0].statement;
          await c.command({ query: `DROP TABLE ${fx.database}.activity_local` });
          await c.command({ query: create });
        }
      } finally {
        await Promise.all(shards.map((c) => c.close()));
      }
      const fresh = [...activity.slice(0, 150), ...later];
      for (const shard of [0, 1]) await fx.insert('activity', fresh.filter((_, j) => j % 2 === shard), shard);
      const third = started();
      await check(third, fresh, 'written again');
      expect((await third.sql(extent))[0].text).to.contain('customer_id');
      expect(await readFile(file, 'utf8')).not.to.equal(kept);
      // Clean rows written while it was down: learnt again (the facts of those rows).
      const more = activity.slice(0, 10).map((r) => ({ ...r, at: (r.at as number) + 9000 * H }));
      await fx.insert('activity', more, 1);
      const learnt = await readFile(file, 'utf8');
      const fourth = started();
      await check(fourth, [...fresh, ...more], 'after an insert');
      expect((await fourth.sql(extent))[0].text).to.contain('customer_id');
      expect(await readFile(file, 'utf8')).not.to.equal(learnt);
    } finally {
      await Promise.all(sources.map((s) => s.close()));
      await fx.close();
    }
  });
});
