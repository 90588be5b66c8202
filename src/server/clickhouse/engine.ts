// The ClickHouse engine (@clickhouse/client over HTTP, an optional peer dependency
// loaded on first use). Statements are plain text (values written by literal.ts);
// rows come back as JSONEachRow (64-bit integers as strings, read by `count`). Every
// statement runs read-only, with `join_use_nulls` (a LEFT JOIN's missing side is NULL,
// as in standard SQL) and a query id, so a signal or the statement timeout can stop
// it on the server (KILL QUERY) as well as on the wire.
import type * as ClickHouseApi from '@clickhouse/client';
import { randomUUID } from 'node:crypto';
import { loadDriver, stoppable, type DbRow } from '../engine.js';
import { str } from './literal.js';

type Api = typeof ClickHouseApi;
type Client = ReturnType<Api['createClient']>;

export interface ClickHouseEngineOptions {
  url: string;
  database?: string;
  statementTimeoutMs?: number;
}

export interface ClickHouseEngine {
  readonly label: 'ClickHouse';
  run(statements: readonly string[], signal?: AbortSignal): Promise<DbRow[][]>;
  close(): Promise<void>;
}

export function clickhouseEngine(options: ClickHouseEngineOptions): ClickHouseEngine {
  let opened: Promise<Client> | undefined;
  const open = () =>
    (opened ??= loadDriver(
      '@clickhouse/client',
      'ClickHouse',
      () => import('@clickhouse/client'),
    ).then((api) =>
      api.createClient({
        url: options.url,
        database: options.database ?? 'default',
        request_timeout: Math.max(30_000, (options.statementTimeoutMs ?? 0) + 5_000),
        compression: { request: false, response: false },
        // Errors reach the caller as rejections; the client's own console log would repeat them.
        log: { level: api.ClickHouseLogLevel.OFF },
      }),
    ));
  const settings = () => ({
    readonly: '2',
    join_use_nulls: 1,
    ...(options.statementTimeoutMs
      ? { max_execution_time: Math.ceil(options.statementTimeoutMs / 1000) }
      : {}),
  });
  const runOne = async (client: Client, text: string, signal?: AbortSignal): Promise<DbRow[]> => {
    const id = randomUUID();
    const wire = new AbortController();
    return stoppable(
      async () => {
        const result = await client.query({
          query: text,
          format: 'JSONEachRow',
          query_id: id,
          abort_signal: wire.signal,
          clickhouse_settings: settings() as never,
        });
        return (await result.json()) as DbRow[];
      },
      () => {
        wire.abort();
        void client
          .command({ query: `KILL QUERY WHERE query_id = ${str(id)} ASYNC` })
          .catch(() => {});
      },
      'ClickHouse',
      options.statementTimeoutMs,
      signal,
    );
  };
  return {
    label: 'ClickHouse',
    async run(statements, signal) {
      const client = await open();
      const out: DbRow[][] = [];
      for (const s of statements) out.push(await runOne(client, s, signal));
      return out;
    },
    async close() {
      const pending = opened;
      opened = undefined;
      const client = await pending?.catch(() => undefined);
      await client?.close();
    },
  };
}
