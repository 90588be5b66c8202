// pulso-serve (SPEC §6): what its command line says — which source, where to listen, who
// may call from another origin, the smallest count an answer may hold — and the server
// it starts: createHandler over the source, on loopback unless told otherwise. The
// sources themselves come from a factory (cli-sources.ts), so a SQL engine plugs in
// there without touching this file.
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { ValidationReport } from '../data/schema.js';
import { heldReport, rehearse, servedCache, warm, warmQueries, type ServedCache } from './cli-cache.js';
import { createHandler, type NodeHandler } from './handler.js';
import type { PulsoSource } from './types.js';

/** Where the rows are: the seeded demo, JSON files, or a database. */
export type SourceChoice =
  | { kind: 'demo'; customers: number }
  | { kind: 'json'; dir: string }
  | { kind: 'duckdb'; file: string; /** Its validation report, kept from an earlier run (--cache-file): no validation before listening. */ report?: ValidationReport }
  | { kind: 'postgres'; url: string }
  | { kind: 'clickhouse'; url: string; database?: string; /** Every table sharded by customer (createSqlSource's shardedBy). */ shardedBy?: 'customer_id'; /** Where learnt validation facts are kept for a restart (createSqlSource's factsFile). */ factsFile?: string };

export interface ServeOptions {
  source: SourceChoice;
  host: string;
  /** 0: a free port the OS picks (printed when listening). */
  port: number;
  base: string;
  cors: string[];
  minCellSize: number;
  timeoutMs: number;
  /** Keep answers even though the source does not say its rows cannot change (--immutable). */
  immutable: boolean;
  /** Where kept answers are written down, for a warm restart (--cache-file). */
  cacheFile?: string;
  /** A JSON array of queries answered before listening (--warm). */
  warm?: string;
}

/** Opens the source a command line chose. */
export type SourceFactory = (choice: SourceChoice) => Promise<PulsoSource>;

/** A command line that cannot be served: the message is for the person who typed it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage: pulso-serve (--demo | --json DIR | --duckdb FILE | --postgres URL | --clickhouse URL) [options]

Serves a Pulso source over HTTP: GET {base}/{table}, POST {base}/aggregate,
GET {base}/capabilities (docs/server-api.md).

Sources (exactly one):
  --demo                 the seeded demo health plan, in memory
  --customers N          with --demo: how many customers (default 4000, about 10 events each)
  --json DIR             DIR/customers.json, activity.json, surveys.json, tickets.json (arrays of rows), in memory
  --duckdb FILE          a DuckDB file in the canonical schema (SPEC §6)
  --postgres URL         a PostgreSQL database in the canonical schema
  --clickhouse URL       a ClickHouse server's HTTP URL (http://host:8123; MergeTree or Distributed tables)
  --database NAME        with --clickhouse: the database holding the tables (default the server's)
  --sharded-by customer_id  with --clickhouse: every table's rows of one customer are on one shard
                         (Distributed tables sharded by customer_id): the shards finish their own groups
  --facts-file FILE      with --clickhouse: keep what the first query learns of the tables in FILE
                         (a restart on unchanged tables skips that validating pass)

Options:
  --host HOST            interface to listen on (default 127.0.0.1: this machine only)
  --port N               port (default 8787; 0 = any free port)
  --base PATH            where the API is mounted (default /api)
  --cors ORIGIN          let pages of ORIGIN call the API (repeatable)
  --min-cell-size K      no count below K leaves the server (default 11)
  --timeout-ms MS        cancel a query after MS (default 60000)
  --immutable            the rows do not change while served: keep answers (on by itself for --duckdb)
  --cache-file FILE      keep the answers in FILE too (for a DuckDB file: a restart on the same file is warm)
  --warm FILE            answer the queries of FILE (a JSON array) before listening
  -h, --help             this text`;

/** The options of a command line (without the program name); UsageError when it says nothing servable. */
export function parseServeArgs(argv: readonly string[]): ServeOptions | 'help' {
  const { values } = parseArgsOrUsage(argv);
  if (values.help) return 'help';
  return {
    source: sourceChoice(values),
    host: values.host ?? '127.0.0.1',
    port: count(values.port, '--port', 8787, 65_535),
    base: basePath(values.base ?? '/api'),
    cors: values.cors ?? [],
    minCellSize: count(values['min-cell-size'], '--min-cell-size', 11, 1_000_000),
    timeoutMs: count(values['timeout-ms'], '--timeout-ms', 60_000, 86_400_000),
    immutable: values.immutable ?? false,
    ...(values['cache-file'] === undefined ? {} : { cacheFile: values['cache-file'] }),
    ...(values.warm === undefined ? {} : { warm: values.warm }),
  };
}

function parseArgsOrUsage(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        demo: { type: 'boolean' },
        customers: { type: 'string' },
        json: { type: 'string' },
        duckdb: { type: 'string' },
        postgres: { type: 'string' },
        clickhouse: { type: 'string' },
        database: { type: 'string' },
        'sharded-by': { type: 'string' },
        'facts-file': { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        base: { type: 'string' },
        cors: { type: 'string', multiple: true },
        'min-cell-size': { type: 'string' },
        'timeout-ms': { type: 'string' },
        immutable: { type: 'boolean' },
        'cache-file': { type: 'string' },
        warm: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

type Values = ReturnType<typeof parseArgsOrUsage>['values'];

function sourceChoice(values: Values): SourceChoice {
  const chosen: SourceChoice[] = [];
  if (values.demo) chosen.push({ kind: 'demo', customers: count(values.customers, '--customers', 4000, 10_000_000) });
  if (values.json !== undefined) chosen.push({ kind: 'json', dir: values.json });
  if (values.duckdb !== undefined) chosen.push({ kind: 'duckdb', file: values.duckdb });
  if (values.postgres !== undefined) chosen.push({ kind: 'postgres', url: values.postgres });
  if (values.clickhouse !== undefined) {
    if (!/^https?:\/\/[^\s]+$/.test(values.clickhouse)) throw new UsageError(`--clickhouse must be an HTTP URL such as http://127.0.0.1:8123; got ${JSON.stringify(values.clickhouse)}`);
    chosen.push({
      kind: 'clickhouse',
      url: values.clickhouse,
      ...(values.database === undefined ? {} : { database: values.database }),
      ...(values['sharded-by'] === undefined ? {} : { shardedBy: shardedBy(values['sharded-by']) }),
      ...(values['facts-file'] === undefined ? {} : { factsFile: values['facts-file'] }),
    });
  }
  if (chosen.length !== 1) throw new UsageError(chosen.length ? 'Give one source, not several' : 'Give a source: --demo, --json DIR, --duckdb FILE, --postgres URL or --clickhouse URL');
  if (values.database !== undefined && values.clickhouse === undefined) throw new UsageError('--database goes with --clickhouse');
  if (values['sharded-by'] !== undefined && values.clickhouse === undefined) throw new UsageError('--sharded-by goes with --clickhouse');
  if (values['facts-file'] !== undefined && values.clickhouse === undefined) throw new UsageError('--facts-file goes with --clickhouse');
  if (values.customers !== undefined && !values.demo) throw new UsageError('--customers goes with --demo');
  return chosen[0];
}

/** The only sharding key the ClickHouse source knows how to use. */
function shardedBy(text: string): 'customer_id' {
  if (text !== 'customer_id') throw new UsageError(`--sharded-by must be customer_id (every table sharded by the customer); got ${JSON.stringify(text)}`);
  return text;
}

/** A whole number in [0, max], or `fallback` when absent. */
function count(text: string | undefined, name: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) > max) throw new UsageError(`${name} must be a whole number from 0 to ${max}; got ${JSON.stringify(text)}`);
  return Number(text);
}

function basePath(text: string): string {
  const base = `/${text.replace(/^\/+|\/+$/g, '')}`;
  if (!/^\/[\w\-./]*$/.test(base) || base.includes('..')) throw new UsageError(`--base must be a path such as /api; got ${JSON.stringify(text)}`);
  return base === '/' ? '' : base;
}

export interface Serving {
  /** The API's address, `http://host:port{base}`. */
  url: string;
  server: Server;
  source: PulsoSource;
  /** Stops listening, ends open connections, closes the source. */
  close(): Promise<void>;
}

/** Opens the source and listens; resolves once requests are answered. */
export async function serve(options: ServeOptions, open: SourceFactory): Promise<Serving> {
  const report = options.source.kind === 'duckdb' && options.cacheFile !== undefined ? await heldReport(options.cacheFile, options.source.file) : undefined;
  const source = await open(report && options.source.kind === 'duckdb' ? { ...options.source, report } : options.source);
  let kept: ServedCache | undefined;
  let handler: NodeHandler;
  const server = createServer((req, res) => handler(req, res, () => notFound(res)));
  try {
    kept = options.immutable || source.immutable ? await servedCache(source, options.cacheFile, console.log) : undefined;
    if (!kept && (options.cacheFile !== undefined || options.warm !== undefined)) {
      throw new UsageError('--cache-file and --warm keep answers, for a source whose rows cannot change while served: a DuckDB file, or say --immutable');
    }
    handler = createHandler(source, {
      base: options.base,
      minCellSize: options.minCellSize,
      timeoutMs: options.timeoutMs,
      answerCache: kept?.cache ?? false,
      ...(options.cors.length ? { cors: { origin: options.cors } } : {}),
    });
    if (kept) await warmUp(handler, options, kept);
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port, options.host, ok);
    });
  } catch (error) {
    await source.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  if (kept) await rehearse(`http://${loopback(host)}:${port}${options.base}`, kept.cache);
  return {
    url: `http://${host}:${port}${options.base}`,
    server,
    source,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await kept?.flush();
      await source.close();
    },
  };
}

/** The answers restored, then the recorded and `--warm` queries computed (before listening). */
async function warmUp(handler: NodeHandler, options: ServeOptions, kept: ServedCache): Promise<void> {
  const queries = [...kept.recorded, ...(options.warm === undefined ? [] : await warmQueries(options.warm))];
  if (kept.restored) console.log(`pulso-serve: ${kept.restored} answers restored from ${options.cacheFile}`);
  if (!queries.length) return;
  const t0 = performance.now();
  console.log(`pulso-serve: warming ${queries.length} queries…`);
  const answered = await warm(handler, `http://localhost${options.base}`, queries, console.log);
  console.log(`pulso-serve: ${answered} of ${queries.length} answered in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Where this machine reaches a server listening on `host` (every interface: loopback). */
function loopback(host: string): string {
  return host === '0.0.0.0' ? '127.0.0.1' : host === '[::]' ? '[::1]' : host;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: 'Not found' }));
}

/** Whether `host` listens beyond this machine (the CLI has no authorize: everyone it reaches may read everything). */
export function isPublic(host: string): boolean {
  return !/^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(host);
}
