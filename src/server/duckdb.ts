// The DuckDB engine (@duckdb/node-api): a file, opened read-only, or a database in
// memory. Each call gets a connection of its own, so a signal or the statement
// timeout interrupts that call alone; a few idle connections are kept for the next
// calls (an interrupted one is closed).
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

/** Idle connections kept at most. */
const IDLE = 4;

export function duckdbEngine(options: DuckDBEngineOptions): Engine {
  const path = options.path ?? ':memory:';
  let opened: Promise<{ api: DuckDB; instance: DuckDBInstance }> | undefined;
  const idle: DuckDBConnection[] = [];
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
      const con = idle.pop() ?? (await instance.connect());
      let interrupted = false;
      try {
        return await stoppable(
          async () => {
            const out: DbRow[][] = [];
            for (const s of statements) out.push(await runOne(api, con, s));
            return out;
          },
          () => {
            interrupted = true;
            con.interrupt();
          },
          'DuckDB',
          options.statementTimeoutMs,
          signal,
        );
      } finally {
        if (!interrupted && idle.length < IDLE && opened) idle.push(con);
        else con.closeSync();
      }
    },
    async close() {
      const pending = opened;
      opened = undefined;
      for (const con of idle.splice(0)) con.closeSync();
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
