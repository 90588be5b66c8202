// createSqlSource (SPEC §6): the same metrics as the browser kernels, computed by a SQL
// engine where the data lives. Each query is validated (validateQuery), compiled into
// statements over the validated and filtered tables, run with every value bound, and
// finished in TypeScript by the kernels' own "counts → rows" functions.
import { stat } from 'node:fs/promises';
import type { FieldMap, LoadRequest } from '../adapters/types.js';
import { TABLE_NAMES, type Row, type TableName, type ValidationReport } from '../data/schema.js';
import { describeValue } from '../time/describe.js';
import { isUtcZone } from '../time/zone.js';
import { METRIC_NAMES, type MetricName, type MetricQuery } from '../query/types.js';
import { validateQuery } from '../query/validate.js';
import { columnsStatement, quotedTable, splitName, tableModel, type Catalog } from './catalog.js';
import { COMPILERS, SQL_OPTIONS } from './compile/index.js';
import { queryColumns } from './compile/columns.js';
import type { Compiled } from './compile/common.js';
import { runStaged } from './compile/fold-later.js';
import { Compiler, PushDownError, type TablePlans } from './context.js';
import { duckdbEngine } from './duckdb.js';
import { abortable, type Engine } from './engine.js';
import { compileLoad, loadRows } from './load.js';
import { postgresEngine } from './postgres.js';
import { reportStatements, reportOf } from './report.js';
import { checkQueryLimits } from './limits.js';
import { validateOnce } from './validate-once.js';
import { createClickHouseSource, type ClickHouseSourceOptions } from './clickhouse/source.js';
import type { SqlStatement } from './sql.js';
import { local } from './time.js';

interface CommonOptions {
  /** Host table per canonical table (`{ activity: 'analytics.events' }`); default the canonical name. */
  tables?: Partial<Record<TableName, string>>;
  /** Host column names (or constants) for canonical ones, as the adapters take them. */
  fields?: FieldMap;
  /** Cancel a statement that runs longer than this (ms). */
  statementTimeoutMs?: number;
  /** Stable identity (default `sql:<engine>:<path or database>`). */
  id?: string;
  /**
   * The rows do not change while the source is open, so pulso-serve's handler may keep
   * its answers (default: true for a DuckDB file, which is opened read-only).
   */
  immutable?: boolean;
}

export type SqlSourceOptions =
  | (CommonOptions & {
      engine: 'duckdb';
      path?: string;
      /**
       * Validate each table once, on first use (default true): the file is opened
       * read-only and cannot change, so later queries apply only the rules that its
       * rows need. `false` applies every rule inside every query, as PostgreSQL does.
       */
      validateOnce?: boolean;
    })
  | (CommonOptions & { engine: 'postgres'; connectionString: string; maxConnections?: number })
  | ClickHouseSourceOptions;

/** What a SQL source computes: every metric listed, with the options it takes; filters of every kind. */
export interface SqlCapabilities {
  readonly engine: 'duckdb' | 'postgres' | 'clickhouse';
  readonly pushDown: true;
  readonly metrics: Partial<Record<MetricName, readonly string[]>>;
  readonly filters: true;
}

export interface SqlSource {
  readonly id: string;
  /** The query's rows, equal to `runQuery` on the same (validated) rows. Rejects a query it cannot compute. */
  aggregate(query: MetricQuery, signal?: AbortSignal): Promise<Row[]>;
  /** A table's valid rows (canonical columns, times as epoch ms), `from`/`to` on its main time. */
  load(request: LoadRequest, signal?: AbortSignal): Promise<Row[]>;
  /** The statements `aggregate` would run, with their bound values. */
  sql(query: MetricQuery): Promise<SqlStatement[]>;
  /** Whether the rows cannot change while the source is open (answers may be kept). */
  readonly immutable: boolean;
  /** A DuckDB file's size and modification time: answers kept on disk are for this file only. */
  identity(): Promise<string | undefined>;
  /** SPEC §1's report for the source's tables (exact counts; no row samples: SQL rows have no position). */
  report(signal?: AbortSignal): Promise<ValidationReport>;
  capabilities(): SqlCapabilities;
  close(): Promise<void>;
}

function checkOptions(options: SqlSourceOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`createSqlSource needs options; got ${describeValue(options)}`);
  if (options.engine === 'postgres') {
    if (typeof options.connectionString !== 'string' || !options.connectionString) {
      throw new TypeError(`createSqlSource: engine 'postgres' needs connectionString; got ${describeValue(options.connectionString)}`);
    }
  } else if (options.engine !== 'duckdb' && options.engine !== 'clickhouse') {
    throw new RangeError(`createSqlSource: engine must be one of duckdb, postgres, clickhouse; got ${describeValue((options as { engine?: unknown }).engine)}`);
  }
  for (const key of Object.keys(options.tables ?? {})) {
    if (!(TABLE_NAMES as readonly string[]).includes(key)) throw new RangeError(`createSqlSource: tables.${key} is not a table; tables are ${TABLE_NAMES.join(', ')}`);
  }
  const t = options.statementTimeoutMs;
  if (t !== undefined && !(Number.isInteger(t) && t > 0)) throw new RangeError(`statementTimeoutMs must be a whole number of ms above 0; got ${describeValue(t)}`);
}

export function createSqlSource(options: SqlSourceOptions): SqlSource {
  checkOptions(options);
  // A server others write to: its answers are kept only when the host says (pulso-serve --immutable).
  if (options.engine === 'clickhouse') return { ...createClickHouseSource(options), immutable: false, identity: () => Promise.resolve(undefined) };
  const once = options.engine === 'duckdb' && options.validateOnce !== false;
  const engine: Engine =
    options.engine === 'duckdb'
      ? duckdbEngine({ path: options.path, statementTimeoutMs: options.statementTimeoutMs })
      : postgresEngine({ connectionString: options.connectionString, statementTimeoutMs: options.statementTimeoutMs, maxConnections: options.maxConnections });
  const d = engine.dialect;
  const id = options.id ?? `sql:${options.engine}:${options.engine === 'duckdb' ? (options.path ?? ':memory:') : redacted(options.connectionString)}`;
  let catalog: Promise<Catalog> | undefined;
  /** What validating each table once learnt (validateOnce), with the report. */
  let prepared: Promise<{ plans: TablePlans; report?: ValidationReport }> | undefined;
  const zones = new Map<string, Promise<void>>();

  const readCatalog = (signal?: AbortSignal) =>
    (catalog ??= (async () => {
      const out: Catalog = {};
      for (const name of TABLE_NAMES) {
        const host = options.tables?.[name] ?? name;
        const { schema, table } = splitName(host);
        const [rows] = await engine.run([columnsStatement(d, schema, table)], signal);
        if (rows.length) out[name] = tableModel(name, quotedTable(host), rows, options.fields);
        else if (options.tables?.[name] !== undefined) throw new RangeError(`createSqlSource: tables.${name} names '${host}', which the database does not have`);
      }
      return out;
    })().catch((e) => {
      catalog = undefined;
      throw e;
    }));

  /**
   * With validateOnce, each table validated once: on first use, by one call whatever
   * its signal (the others wait for it), and again after a failure.
   */
  const prepare = (signal?: AbortSignal) => {
    prepared ??= (async () => {
      const cat = await readCatalog();
      if (!once) return { plans: {} };
      return validateOnce(engine, d, cat);
    })().catch((e) => {
      prepared = undefined;
      throw e;
    });
    return signal ? abortable(prepared, signal) : prepared;
  };

  /** The engine must know the zone (its tz database may differ from Intl's): refused by name otherwise. */
  const checkZone = (metric: string, timeZone: unknown, signal?: AbortSignal): Promise<void> => {
    if (typeof timeZone !== 'string' || isUtcZone(timeZone)) return Promise.resolve();
    let known = zones.get(timeZone);
    if (!known) {
      const c = new Compiler(d, {}, metric, [], []);
      const tz = c.p.text(timeZone);
      known = engine.run([c.statement(`SELECT ${local(c, `TIMESTAMP '2000-01-01 00:00:00'`, tz)} AS t`)], signal).then(
        () => undefined,
        () => {
          zones.delete(timeZone);
          throw new PushDownError(metric, 'timeZone', d.label, `the database does not know the zone '${timeZone}'`);
        },
      );
      zones.set(timeZone, known);
    }
    return known;
  };

  const compile = async (query: unknown, signal?: AbortSignal): Promise<Compiled> => {
    const q = validateQuery(query);
    checkQueryLimits(q, d.label);
    const compiler = COMPILERS[q.metric];
    if (!compiler) throw new PushDownError(q.metric, 'metric', d.label, 'no SQL compiler for this metric yet');
    const cat = await readCatalog(signal);
    await checkZone(q.metric, q.options.timeZone, signal);
    const { plans } = await prepare(signal);
    const filters = q.filters ?? [];
    const extras = queryColumns(q);
    const make = () => new Compiler(d, cat, q.metric, filters, extras, plans);
    return compiler(make(), q.options, make);
  };

  const file = options.engine === 'duckdb' && options.path !== undefined && options.path !== ':memory:' ? options.path : undefined;
  return {
    id,
    immutable: options.immutable ?? file !== undefined,
    identity: () => fileIdentity(file),
    async aggregate(query, signal) {
      // Later statements (segments to fold into "(others)") only when the first results call for them.
      return runStaged(await compile(query, signal), (statements) => engine.run(statements, signal));
    },
    async load(request, signal) {
      const cat = await readCatalog(signal);
      const { plans } = await prepare(signal);
      const statement = compileLoad(d, cat, request, plans);
      if (!statement) return [];
      const [rows] = await engine.run([statement.statement], signal);
      return loadRows(rows, statement);
    },
    async sql(query) {
      const compiled = await compile(query);
      return compiled.statements.map((s) => ({ text: s.text, params: s.params.map((p) => p.value) }));
    },
    async report(signal) {
      const cat = await readCatalog(signal);
      const { report } = await prepare(signal);
      if (report) return structuredClone(report);
      const statements = reportStatements(d, cat);
      const results = await engine.run(statements.map((s) => s.statement), signal);
      return reportOf(statements, results);
    },
    capabilities() {
      return { engine: options.engine, pushDown: true, metrics: { ...SQL_OPTIONS }, filters: true };
    },
    close: () => engine.close(),
  };
}

/** `duckdb:<bytes>:<mtime ms>` of a file, or undefined (no file, or it cannot be read). */
export async function fileIdentity(path: string | undefined): Promise<string | undefined> {
  if (path === undefined) return undefined;
  try {
    const s = await stat(path);
    return `duckdb:${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** `work` unless the signal aborts first (the work itself goes on, for the others waiting on it). */
/** A connection string without its password, for ids and messages. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

export { METRIC_NAMES };
