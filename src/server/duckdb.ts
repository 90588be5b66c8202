// The DuckDB engine (@duckdb/node-api): a file, opened read-only, or a database in
// memory. Each call gets a connection of its own, so a signal or the statement
// timeout interrupts that call alone.
//
// With `scratch` (what createSqlSource asks for), the instance is an in-memory one
// with the host file attached read-only as `host` (the default database of every
// connection) and a scratch file of its own attached as `pulso_valid`, in a temporary
// folder removed on close: the source keeps the validated tables there
// (materialize.ts), and the host's file is never written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as DuckDBApi from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBInstance, DuckDBType } from '@duckdb/node-api';
import { DUCKDB } from './dialect.js';
import { loadDriver, stoppable, type DbRow, type Engine } from './engine.js';
import type { BoundStatement, Param } from './sql.js';

type DuckDB = typeof DuckDBApi;

export interface DuckDBEngineOptions {
  /** A database file (opened read-only), or `:memory:` (the default). */
  path?: string;
  statementTimeoutMs?: number;
  /** Attach a writable scratch database (`pulso_valid`) beside the host's. */
  scratch?: boolean;
}

const SCRATCH = 'pulso_valid';
const HOST = 'host';

export function duckdbEngine(options: DuckDBEngineOptions): Engine {
  const path = options.path ?? ':memory:';
  const attached = options.scratch === true && path !== ':memory:';
  let opened: Promise<{ api: DuckDB; instance: DuckDBInstance; dir?: string }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      const api = await loadDriver('@duckdb/node-api', 'DuckDB', () => import('@duckdb/node-api'));
      const config: Record<string, string> = {};
      if (path !== ':memory:' && !options.scratch) config.access_mode = 'READ_ONLY';
      const instance = await api.DuckDBInstance.create(options.scratch ? ':memory:' : path, config);
      let dir: string | undefined;
      try {
        // Pulso never relies on the session zone (every conversion names its zone), but a host's view might.
        const con = await instance.connect();
        try {
          await con.run("SET TimeZone = 'UTC'");
          if (options.scratch) {
            dir = mkdtempSync(join(tmpdir(), 'pulso-duckdb-'));
            await con.run(`ATTACH '${join(dir, 'valid.duckdb').replace(/'/g, "''")}' AS ${SCRATCH}`);
            await con.run(`SET temp_directory = '${join(dir, 'spill').replace(/'/g, "''")}'`);
          }
          if (attached) await con.run(`ATTACH '${path.replace(/'/g, "''")}' AS ${HOST} (READ_ONLY)`);
        } finally {
          con.closeSync();
        }
      } catch (e) {
        instance.closeSync();
        if (dir) rmSync(dir, { recursive: true, force: true });
        throw e;
      }
      return { api, instance, dir };
    })());
  return {
    dialect: DUCKDB,
    scratch: options.scratch ? `${SCRATCH}.main` : undefined,
    async run(statements, signal) {
      const { api, instance } = await open();
      const con = await instance.connect();
      try {
        if (attached) await con.run(`USE ${HOST}`);
        return await stoppable(
          async () => {
            const out: DbRow[][] = [];
            for (const s of statements) out.push(await runOne(api, con, s));
            return out;
          },
          () => con.interrupt(),
          'DuckDB',
          options.statementTimeoutMs,
          signal,
        );
      } finally {
        con.closeSync();
      }
    },
    async close() {
      const pending = opened;
      opened = undefined;
      const db = await pending?.catch(() => undefined);
      db?.instance.closeSync();
      if (db?.dir) rmSync(db.dir, { recursive: true, force: true });
    },
  };
}

function bindType(api: DuckDB, kind: Param['kind']): DuckDBType {
  if (kind === 'text') return api.VARCHAR;
  if (kind === 'num') return api.DOUBLE;
  return api.LIST(kind === 'texts' ? api.VARCHAR : api.DOUBLE);
}

async function runOne(api: DuckDB, con: DuckDBConnection, s: BoundStatement): Promise<DbRow[]> {
  const values = s.params.map((p) => (Array.isArray(p.value) ? api.listValue([...(p.value as unknown[])] as never[]) : p.value)) as never[];
  const types = s.params.map((p) => bindType(api, p.kind));
  const reader = await con.runAndReadAll(s.text, values, types);
  return reader.getRowObjectsJS() as DbRow[];
}
