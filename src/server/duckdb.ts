// The DuckDB engine (@duckdb/node-api): a file, opened read-only, or a database in
// memory. Each call gets a connection of its own, so a signal or the statement
// timeout interrupts that call alone.
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
}

export function duckdbEngine(options: DuckDBEngineOptions): Engine {
  const path = options.path ?? ':memory:';
  let opened: Promise<{ api: DuckDB; instance: DuckDBInstance }> | undefined;
  const open = () =>
    (opened ??= (async () => {
      const api = await loadDriver('@duckdb/node-api', 'DuckDB', () => import('@duckdb/node-api'));
      const config: Record<string, string> = {};
      if (path !== ':memory:') config.access_mode = 'READ_ONLY';
      const instance = await api.DuckDBInstance.create(path, config);
      // Pulso never relies on the session zone (every conversion names its zone), but a host's view might.
      const con = await instance.connect();
      await con.run("SET TimeZone = 'UTC'");
      con.closeSync();
      return { api, instance };
    })());
  return {
    dialect: DUCKDB,
    async run(statements, signal) {
      const { api, instance } = await open();
      const con = await instance.connect();
      try {
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
