// The PostgreSQL engine (pg): a pool of read-only sessions in UTC. A signal or the
// statement timeout cancels the running statement (pg_cancel_backend from a second
// session; the server's statement_timeout too).
import type * as PgApi from 'pg';
import type { Pool, PoolClient } from 'pg';
import { POSTGRES } from './dialect.js';
import { loadDriver, SqlTimeoutError, stoppable, type DbRow, type Engine } from './engine.js';

type Pg = typeof PgApi;

export interface PostgresEngineOptions {
  connectionString: string;
  statementTimeoutMs?: number;
  /** Connections kept at most (default 4). */
  maxConnections?: number;
}

export function postgresEngine(options: PostgresEngineOptions): Engine {
  let opened: Promise<{ pg: Pg; pool: Pool }> | undefined;
  const config = () => ({
    connectionString: options.connectionString,
    // Pulso only reads: a session that cannot write cannot be made to.
    options: '-c TimeZone=UTC -c default_transaction_read_only=on',
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
  const open = () =>
    (opened ??= (async () => {
      const mod = await loadDriver('pg', 'PostgreSQL', () => import('pg'));
      const pg = ((mod as unknown as { default?: Pg }).default ?? mod) as Pg;
      const pool = new pg.Pool({ ...config(), max: options.maxConnections ?? 4 });
      pool.on('error', () => {}); // an idle session dropped by the server is replaced on next use
      return { pg, pool };
    })());
  const cancel = async (pg: Pg, client: PoolClient) => {
    const pid = (client as unknown as { processID?: number }).processID;
    if (pid === undefined) return;
    const other = new pg.Client(config());
    try {
      await other.connect();
      await other.query('SELECT pg_cancel_backend($1::int)', [pid]);
    } catch {
      // The statement may have ended already; the pool discards the session either way.
    } finally {
      await other.end().catch(() => {});
    }
  };
  return {
    dialect: POSTGRES,
    async run(statements, signal) {
      const { pg, pool } = await open();
      signal?.throwIfAborted();
      const client = await pool.connect();
      let broken = false;
      try {
        return await stoppable(
          async () => {
            const out: DbRow[][] = [];
            for (const s of statements) {
              const res = await client.query({ text: s.text, values: s.params.map((p) => p.value) });
              out.push(res.rows as DbRow[]);
            }
            return out;
          },
          () => {
            broken = true;
            void cancel(pg, client);
          },
          'PostgreSQL',
          options.statementTimeoutMs,
          signal,
        );
      } catch (e) {
        if ((e as { code?: string }).code === '57014' && options.statementTimeoutMs) {
          throw new SqlTimeoutError('PostgreSQL', options.statementTimeoutMs);
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      const pending = opened;
      opened = undefined;
      const db = await pending?.catch(() => undefined);
      await db?.pool.end();
    },
  };
}
