// Real engines for the SQL source tests (no mocks): a DuckDB file written here, and a
// schema of its own on a PostgreSQL server: the one PULSO_PG_URL names (.ci/run starts
// it), else a throwaway cluster that scripts/pg-test-server.sh starts for this test
// process and stops when it exits. Without PostgreSQL's binaries the PostgreSQL tests
// are skipped with a message, except under PULSO_REQUIRE_PG=1 (.ci/run), where they fail.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, timestampTZValue, timestampValue, type DuckDBAppender } from '@duckdb/node-api';
import pg from 'pg';
import { createSqlSource, type SqlSource, type SqlSourceOptions } from '../../src/server/index.js';

export type SqlType = 'text' | 'ts' | 'tstz' | 'num' | 'int';
/** A test table: its columns and types, and rows of JS values (times as epoch ms, or null). */
export interface TestTable {
  columns: Record<string, SqlType>;
  rows: Record<string, unknown>[];
}
export type TestTables = Record<string, TestTable>;

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/pg-test-server.sh');

let server: { url: string } | { why: string } | undefined;

/** The server's URL: PULSO_PG_URL, or a cluster started once for this process (stopped on exit). */
function postgresUrl(): { url: string } | { why: string } {
  if (process.env.PULSO_PG_URL) return { url: process.env.PULSO_PG_URL };
  if (server) return server;
  try {
    const out = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const url = /PULSO_PG_URL=(\S+)/.exec(out)?.[1];
    const state = /PULSO_PG_STATE=(\S+)/.exec(out)?.[1];
    if (!url || !state) throw new Error(`unexpected output: ${out}`);
    process.on('exit', () => {
      execFileSync('bash', [SCRIPT, 'stop'], { env: { ...process.env, PULSO_PG_STATE: state }, stdio: 'ignore' });
    });
    server = { url };
  } catch (e) {
    const stderr = (e as { stderr?: unknown }).stderr;
    server = { why: String(stderr || (e as Error).message).trim() };
  }
  return server;
}

/** Skips the suite (with a visible reason) when PostgreSQL cannot be had, except under PULSO_REQUIRE_PG=1. */
export function needPostgres(ctx: Mocha.Context): void {
  const pgServer = postgresUrl();
  if ('url' in pgServer) return;
  if (process.env.PULSO_REQUIRE_PG === '1') throw new Error(`PostgreSQL is required (PULSO_REQUIRE_PG=1) but could not be started: ${pgServer.why}`);
  console.warn(`    (PostgreSQL tests skipped: ${pgServer.why})`);
  ctx.skip();
}

function pgUrl(): string {
  const s = postgresUrl();
  if (!('url' in s)) throw new Error(`no PostgreSQL server: ${s.why}`);
  return s.url;
}

const DUCK_TYPES: Record<SqlType, string> = { text: 'VARCHAR', ts: 'TIMESTAMP', tstz: 'TIMESTAMPTZ', num: 'DOUBLE', int: 'INTEGER' };
const PG_TYPES: Record<SqlType, string> = { text: 'text', ts: 'timestamp', tstz: 'timestamptz', num: 'float8', int: 'integer' };

function append(app: DuckDBAppender, type: SqlType, v: unknown): void {
  if (v === null || v === undefined) return app.appendNull();
  if (type === 'ts' || type === 'tstz') {
    const micros = BigInt(v as number) * 1000n;
    if (type === 'ts') app.appendTimestamp(timestampValue(micros));
    else app.appendTimestampTZ(timestampTZValue(micros));
  } else if (type === 'num') app.appendDouble(v as number);
  else if (type === 'int') app.appendInteger(v as number);
  else app.appendVarchar(String(v));
}

export interface Fixture {
  source: SqlSource;
  /** The DuckDB file (DuckDB fixtures). */
  path?: string;
  close(): Promise<void>;
}

/** A DuckDB file holding the tables, and a source over it. */
export async function duckdbFixture(tables: TestTables, extra: Partial<SqlSourceOptions> = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'pulso-duck-'));
  const path = join(dir, 'data.duckdb');
  const db = await DuckDBInstance.create(path);
  const con = await db.connect();
  for (const [name, t] of Object.entries(tables)) {
    const cols = Object.entries(t.columns);
    await con.run(`CREATE TABLE "${name}" (${cols.map(([c, ty]) => `"${c}" ${DUCK_TYPES[ty]}`).join(', ')})`);
    const app = await con.createAppender(name);
    for (const row of t.rows) {
      for (const [c, ty] of cols) append(app, ty, row[c]);
      app.endRow();
    }
    app.closeSync();
  }
  con.closeSync();
  db.closeSync();
  return duckdbSource(dir, path, extra);
}

/** A source over the DuckDB file `path`; closing it removes `dir`, where the file was written. */
export function duckdbSource(dir: string, path: string, extra: Partial<SqlSourceOptions> = {}): Fixture {
  const source = createSqlSource({ engine: 'duckdb', path, ...extra } as SqlSourceOptions);
  return {
    source,
    path,
    async close() {
      await source.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const pgTime = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(ms as number).toISOString().replace('T', ' ').replace('Z', ''));

let schemas = 0;

/** A schema of its own on the test server holding the tables, and a source over it. */
export async function postgresFixture(tables: TestTables, extra: Partial<SqlSourceOptions> = {}): Promise<Fixture> {
  const schema = `pulso_t${process.pid}_${++schemas}_${Date.now() % 100000}`;
  const client = new pg.Client({ connectionString: pgUrl(), options: '-c TimeZone=UTC' });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  for (const [name, t] of Object.entries(tables)) {
    const cols = Object.entries(t.columns);
    await client.query(`CREATE TABLE "${schema}"."${name}" (${cols.map(([c, ty]) => `"${c}" ${PG_TYPES[ty]}`).join(', ')})`);
    if (!t.rows.length) continue;
    const arrays = cols.map(([c, ty]) => t.rows.map((r) => (ty === 'ts' || ty === 'tstz' ? pgTime(r[c]) : r[c] === undefined ? null : r[c])));
    const unnest = cols.map(([, ty], i) => `$${i + 1}::${ty === 'tstz' ? 'timestamp' : PG_TYPES[ty]}[]`).join(', ');
    const select = cols.map(([, ty], i) => (ty === 'tstz' ? `(c${i} AT TIME ZONE 'UTC')` : `c${i}`)).join(', ');
    await client.query(
      `INSERT INTO "${schema}"."${name}" SELECT ${select} FROM unnest(${unnest}) AS u(${cols.map((_, i) => `c${i}`).join(', ')})`,
      arrays,
    );
  }
  await client.end();
  const names = Object.fromEntries(Object.keys(tables).map((t) => [t, `${schema}.${t}`]));
  const source = createSqlSource({ engine: 'postgres', connectionString: pgUrl(), tables: names, ...extra } as SqlSourceOptions);
  return {
    source,
    async close() {
      await source.close();
      const c = new pg.Client({ connectionString: pgUrl() });
      await c.connect();
      await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      await c.end();
    },
  };
}
