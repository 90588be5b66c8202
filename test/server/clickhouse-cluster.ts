// A real two-shard ClickHouse cluster for the SQL source tests (no mocks): the servers
// named by PULSO_CLICKHOUSE_URLS (two HTTP URLs, started by scripts/clickhouse-cluster.sh;
// .ci/run does it), or, when clickhouse-server is installed, a cluster this file starts
// itself in a temporary folder and stops afterwards. Each fixture gets a database of its
// own on both shards: local MergeTree tables, Distributed tables over them, the rows split
// between the shards (row i on shard i mod 2, so one customer's rows are on both; or, for
// a source with shardedBy 'customer_id', every row of one customer on one shard).
// Without a server the tests skip with a message, except under PULSO_REQUIRE_CLICKHOUSE=1.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { createSqlSource, type SqlSource } from '../../src/server/index.js';
import type { SqlType, TestTables } from './engines.js';

const SCRIPT = join(import.meta.dirname, '../../scripts/clickhouse-cluster.sh');
const CH_TYPES: Record<SqlType, string> = {
  text: 'Nullable(String)',
  ts: "Nullable(DateTime('UTC'))",
  tstz: "Nullable(DateTime('UTC'))",
  num: 'Nullable(Float64)',
  int: 'Nullable(Int32)',
};

let own: { dir: string; urls: string[] } | undefined;

function installed(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v clickhouse-server'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The two shards' URLs: given, or of a cluster started here; undefined when there is no server. */
export function clusterUrls(): string[] | undefined {
  const given = process.env.PULSO_CLICKHOUSE_URLS;
  if (given) return given.split(',');
  if (own) return own.urls;
  if (!installed()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'pulso-ch-'));
  const out = execFileSync('bash', [SCRIPT, 'start', dir], { encoding: 'utf8', timeout: 60_000 });
  own = { dir, urls: /PULSO_CLICKHOUSE_URLS=(\S+)/.exec(out)![1].split(',') };
  return own.urls;
}

/** Stops the cluster this file started (by its PIDs, through the script). */
export function stopOwnCluster(): void {
  if (!own) return;
  execFileSync('bash', [SCRIPT, 'stop', own.dir], { stdio: 'ignore', timeout: 60_000 });
  own = undefined;
}

/** Skips the suite (with a visible reason) when there is no ClickHouse, except when it is required. */
export function needClickHouse(ctx: Mocha.Context): string[] {
  const urls = clusterUrls();
  if (urls) return urls;
  if (process.env.PULSO_REQUIRE_CLICKHOUSE === '1')
    throw new Error(
      'No ClickHouse: set PULSO_CLICKHOUSE_URLS (scripts/clickhouse-cluster.sh start) or install clickhouse-server',
    );
  console.warn(
    '    (ClickHouse tests skipped: clickhouse-server is not installed and PULSO_CLICKHOUSE_URLS is not set)',
  );
  ctx.skip();
}

/** Times as ClickHouse's DateTime holds them: whole seconds (floored). */
export function toSeconds(tables: TestTables): TestTables {
  const out: TestTables = {};
  for (const [name, t] of Object.entries(tables)) {
    const times = Object.entries(t.columns)
      .filter(([, ty]) => ty === 'ts' || ty === 'tstz')
      .map(([c]) => c);
    const rows = t.rows.map((r) => {
      const copy = { ...r };
      for (const c of times)
        if (typeof copy[c] === 'number') copy[c] = Math.floor((copy[c] as number) / 1000) * 1000;
      return copy;
    });
    out[name] = { columns: t.columns, rows };
  }
  return out;
}

const chTime = (ms: unknown) =>
  typeof ms === 'number' ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : null;

export interface ChFixture {
  source: SqlSource;
  database: string;
  /** Adds rows (canonical names, times as epoch ms) to a table's local table on one shard. */
  insert(table: string, rows: readonly Record<string, unknown>[], shard: number): Promise<void>;
  close(): Promise<void>;
}

let databases = 0;

/** The shard of a row sharded by customer: a hash of its customer_id (as held); rows without one by position. */
export function customerShard(row: Record<string, unknown>, i: number, shards: number): number {
  const id = row.customer_id;
  if (typeof id !== 'string' && typeof id !== 'number') return i % shards;
  let h = 7;
  for (const ch of String(id)) h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
  return h % shards;
}

/**
 * Each column's ClickHouse type: Nullable, or with `plain` as a host often holds it —
 * text as String (a missing value written as '', which Pulso reads as no value, as it
 * reads NULL), numbers as Float64 (a missing value sent as null, which ClickHouse's JSON
 * reader stores as NaN, which Pulso reads as no value), other columns without a missing
 * value in the rows as their plain type.
 */
function columnTypes(t: TestTables[string], plain: boolean): Record<string, string> {
  return Object.fromEntries(
    Object.entries(t.columns).map(([c, ty]) => {
      const type = CH_TYPES[ty];
      const full = ty === 'text' || ty === 'num' || t.rows.every((r) => r[c] !== null && r[c] !== undefined);
      return [c, plain && full ? /^Nullable\((.*)\)$/.exec(type)![1] : type];
    }),
  );
}

/**
 * A database of its own on both shards holding the tables (Distributed over local
 * MergeTree; with `plain`, columns typed as columnTypes says), and a source over it.
 */
export async function clickhouseFixture(
  urls: readonly string[],
  tables: TestTables,
  shardedBy?: 'customer_id',
  plain = false,
): Promise<ChFixture> {
  const database = `pulso_t${process.pid}_${++databases}`;
  const clients = urls.map((url) =>
    createClient({ url, compression: { request: false, response: false } }),
  );
  const q = (i: number, query: string) => clients[i].command({ query });
  for (let i = 0; i < clients.length; i++) {
    await q(i, `DROP DATABASE IF EXISTS ${database}`);
    await q(i, `CREATE DATABASE ${database}`);
    for (const [name, t] of Object.entries(tables)) {
      const cols = Object.entries(columnTypes(t, plain)).map(([c, ty]) => `\`${c}\` ${ty}`);
      await q(
        i,
        `CREATE TABLE ${database}.\`${name}_local\` (${cols.join(', ')}) ENGINE = MergeTree() ORDER BY tuple()`,
      );
      await q(
        i,
        `CREATE TABLE ${database}.\`${name}\` AS ${database}.\`${name}_local\` ENGINE = Distributed(pulso, ${database}, \`${name}_local\`)`,
      );
    }
  }
  const types = Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, columnTypes(t, plain)]));
  const insert = async (name: string, rows: readonly Record<string, unknown>[], i: number) => {
    const t = tables[name];
    const values = rows.map((r) =>
      Object.fromEntries(
        Object.entries(t.columns).map(([c, ty]) => [
          c,
          ty === 'ts' || ty === 'tstz'
            ? chTime(r[c])
            : (r[c] ?? (types[name][c] === 'String' ? '' : null)),
        ]),
      ),
    );
    if (values.length)
      await clients[i].insert({ table: `${database}.${name}_local`, values, format: 'JSONEachRow' });
  };
  for (const [name, t] of Object.entries(tables)) {
    for (let i = 0; i < clients.length; i++) {
      const shard = (r: Record<string, unknown>, j: number) =>
        shardedBy ? customerShard(r, j, clients.length) : j % clients.length;
      await insert(name, t.rows.filter((r, j) => shard(r, j) === i), i);
    }
  }
  const source = createSqlSource({ engine: 'clickhouse', url: urls[0], database, shardedBy });
  return {
    source,
    database,
    insert,
    async close() {
      await source.close();
      for (let i = 0; i < clients.length; i++)
        await q(i, `DROP DATABASE IF EXISTS ${database}`).catch(() => {});
      await Promise.all(clients.map((c) => c.close()));
    },
  };
}
