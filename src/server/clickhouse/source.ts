// createSqlSource({ engine: 'clickhouse', url, database }) (SPEC §6): the metrics
// computed by a ClickHouse server, on plain MergeTree tables or on Distributed tables
// spread over shards. Written for ClickHouse 18.16 (Debian's package): no bound
// parameters (values are literals, literal.ts), no CTEs or window functions (nested
// subqueries, LIMIT BY, sorted arrays), DateTime in whole seconds. A metric not yet
// compiled for ClickHouse is refused by name.
import type { FieldMap, LoadRequest } from '../../adapters/types.js';
import { TABLE_NAMES, type Row, type TableName, type ValidationReport } from '../../data/schema.js';
import { validateQuery } from '../../query/validate.js';
import type { MetricName, MetricQuery } from '../../query/types.js';
import { isUtcZone } from '../../time/zone.js';
import { tableModel, type Catalog } from '../catalog.js';
import { PushDownError, type TablePlans } from '../context.js';
import type { DbRow } from '../engine.js';
import { checkQueryLimits } from '../limits.js';
import { reportOf } from '../report.js';
import type { SqlStatement } from '../sql.js';
import { CH_COMPILERS, CH_OPTIONS } from './compile/index.js';
import { queryColumns } from '../compile/columns.js';
import type { ChCompiled } from './compile/common.js';
import { runStaged } from '../compile/fold-later.js';
import { ChCompiler, LABEL } from './context.js';
import { clickhouseEngine } from './engine.js';
import { keepFacts, reportStatement, type Facts } from './facts.js';
import { partsChanged } from './parts.js';
import { readerOf } from './kept-facts.js';
import { ident, str } from './literal.js';
import { compileLoadCh, loadRowsCh } from './load.js';

export interface ClickHouseSourceOptions {
  engine: 'clickhouse';
  /** The server's HTTP URL (`http://host:8123`), user and password in it if needed. */
  url: string;
  /** The database holding the tables (default the server's default database). */
  database?: string;
  tables?: Partial<Record<TableName, string>>;
  fields?: FieldMap;
  statementTimeoutMs?: number;
  id?: string;
  /**
   * 'customer_id' when the Distributed tables put all rows of one customer on one shard
   * (every table sharded by the customer, e.g. `Distributed(…, cityHash64(customer_id))`):
   * the shards then join and count their own customers and send final counts. Leave it
   * out for any other sharding (results stay exact; more is merged at the initiator).
   */
  shardedBy?: 'customer_id';
  /**
   * Learn once which validation rules the tables' rows need, and leave the others out of
   * every statement (default true; facts.ts): each read checks on its shard that the
   * table's parts did not change since, learnt again when they did. `false` applies every rule every time.
   */
  validateOnce?: boolean;
  /**
   * A file to keep the learnt facts in (kept-facts.ts): a source started again on tables
   * whose parts did not change reuses them after one read of the parts, instead of a
   * validating pass over every table. One file per source.
   */
  factsFile?: string;
}

/** What the source needs of createSqlSource's result type (kept structural to avoid an import cycle). */
export interface ClickHouseSource {
  readonly id: string;
  aggregate(query: MetricQuery, signal?: AbortSignal): Promise<Row[]>;
  load(request: LoadRequest, signal?: AbortSignal): Promise<Row[]>;
  sql(query: MetricQuery): Promise<SqlStatement[]>;
  report(signal?: AbortSignal): Promise<ValidationReport>;
  capabilities(): {
    engine: 'clickhouse';
    pushDown: true;
    metrics: Partial<Record<MetricName, readonly string[]>>;
    filters: true;
  };
  close(): Promise<void>;
}

/** A ClickHouse column type in the words catalog.ts reads (Nullable unwrapped); others are refused when read. */
export function pulsoType(chType: string): string {
  const t = /^Nullable\((.*)\)$/.exec(chType.trim())?.[1] ?? chType.trim();
  if (t === 'String') return 'text';
  if (/^U?Int(8|16|32|64)$/.test(t)) return 'bigint';
  if (/^(Float32|Float64|Decimal(32|64|128)?\(.*\))$/.test(t)) return 'double';
  if (/^DateTime(\('[^']*'\))?$/.test(t)) return 'timestamp';
  if (t === 'Date') return 'date';
  return t;
}

/** `db.table` or `table` (in the source's database) as a quoted name and its parts. */
function hostTable(
  name: string,
  database: string | undefined,
): { from: string; db: string | undefined; table: string } {
  const dot = name.indexOf('.');
  const db = dot < 0 ? database : name.slice(0, dot);
  const table = dot < 0 ? name : name.slice(dot + 1);
  return { from: db === undefined ? ident(table) : `${ident(db)}.${ident(table)}`, db, table };
}

export function createClickHouseSource(options: ClickHouseSourceOptions): ClickHouseSource {
  if (typeof options.url !== 'string' || !/^https?:\/\//.test(options.url)) {
    throw new TypeError(
      `createSqlSource: engine 'clickhouse' needs url (http:// or https://); got ${JSON.stringify(options.url)}`,
    );
  }
  if (options.shardedBy !== undefined && options.shardedBy !== 'customer_id') {
    throw new TypeError(
      `createSqlSource: shardedBy must be 'customer_id' (or left out); got ${JSON.stringify(options.shardedBy)}`,
    );
  }
  const colocated = options.shardedBy === 'customer_id';
  const once = options.validateOnce !== false;
  const engine = clickhouseEngine({
    url: options.url,
    database: options.database,
    statementTimeoutMs: options.statementTimeoutMs,
  });
  const id =
    options.id ??
    `sql:clickhouse:${options.url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@')}/${options.database ?? ''}`;
  let catalog: Promise<Catalog> | undefined;
  const zones = new Map<string, Promise<void>>();
  const hosts = new Map<TableName, { db: string | undefined; table: string }>();

  const readCatalog = (signal?: AbortSignal) =>
    (catalog ??= (async () => {
      const out: Catalog = {};
      for (const name of TABLE_NAMES) {
        const host = hostTable(options.tables?.[name] ?? name, options.database);
        hosts.set(name, host);
        const db = host.db === undefined ? 'currentDatabase()' : str(host.db);
        const [rows] = await engine.run(
          [
            `SELECT name, type FROM system.columns WHERE database = ${db} AND table = ${str(host.table)}`,
          ],
          signal,
        );
        const columns = rows.map((r) => ({
          column_name: r.name,
          data_type: pulsoType(String(r.type)),
        }));
        if (columns.length) out[name] = tableModel(name, host.from, columns, options.fields);
        else if (options.tables?.[name] !== undefined)
          throw new RangeError(
            `createSqlSource: tables.${name} names '${options.tables[name]}', which the database does not have`,
          );
      }
      return out;
    })().catch((e) => {
      catalog = undefined;
      throw e;
    }));

  const kept = options.factsFile === undefined ? undefined : { path: options.factsFile, reader: readerOf(options.url, options.database) };
  const facts = keepFacts(engine, readCatalog, hosts, (cat) => new ChCompiler(cat, 'report', [], []), kept);

  /** The server must know the zone (its tz database may differ from Intl's): refused by name otherwise. */
  const checkZone = (metric: string, timeZone: unknown, signal?: AbortSignal): Promise<void> => {
    if (typeof timeZone !== 'string' || isUtcZone(timeZone)) return Promise.resolve();
    let known = zones.get(timeZone);
    if (!known) {
      known = engine
        .run([`SELECT toString(toTimeZone(toDateTime(0), ${str(timeZone)})) AS t`], signal)
        .then(
          () => undefined,
          () => {
            zones.delete(timeZone);
            throw new PushDownError(
              metric,
              'timeZone',
              LABEL,
              `the database does not know the zone '${timeZone}'`,
            );
          },
        );
      zones.set(timeZone, known);
    }
    return known;
  };

  /** The statements of a query, with `known` facts (their rules left out, their guards in). */
  const compile = async (query: unknown, known: Facts | undefined, signal?: AbortSignal): Promise<ChCompiled> => {
    const q = validateQuery(query);
    checkQueryLimits(q, LABEL);
    const compiler = CH_COMPILERS[q.metric];
    if (!compiler)
      throw new PushDownError(
        q.metric,
        'metric',
        LABEL,
        'this metric is not compiled for ClickHouse yet (DuckDB and PostgreSQL sources compute it)',
      );
    const cat = await readCatalog(signal);
    await checkZone(q.metric, q.options.timeZone, signal);
    const filters = q.filters ?? [];
    const extras = queryColumns(q);
    const plans = known?.plans ?? {};
    const c = new ChCompiler(cat, q.metric, filters, extras, colocated && idsAsHeld(cat, plans), plans, known?.guards);
    return settled(c, compiler(c, q.options));
  };

  return {
    id,
    async aggregate(query, signal) {
      // With facts, each read of a stamped table checks on its shard that the table's
      // parts are those the facts were learnt on (facts.ts); when a part is new, the
      // statement fails (partsChanged): learnt again and run again (from the third try,
      // with every rule). Later statements (segments to fold into "(others)") only when
      // the first results call for them.
      for (let tries = 0; ; tries++) {
        const known = once && tries < 2 ? await facts.learnt(signal) : undefined;
        const compiled = await compile(query, known, signal);
        try {
          return await runStaged(compiled, (statements) => engine.run(statements, signal));
        } catch (e) {
          if (!known?.guards.size || !partsChanged(e)) throw e;
          await facts.forget(known);
        }
      }
    },
    async load(request, signal) {
      const cat = await readCatalog(signal);
      const statement = compileLoadCh(cat, request);
      if (!statement) return [];
      const [rows] = await engine.run([statement.text], signal);
      return loadRowsCh(rows, statement);
    },
    async sql(query) {
      const compiled = await compile(query, once ? await facts.learnt() : undefined);
      return compiled.statements.map((text) => ({ text, params: [] }));
    },
    async report(signal) {
      const cat = await readCatalog(signal);
      const tables = TABLE_NAMES.filter((t) => cat[t]);
      const texts = tables.map((table) => reportStatement(new ChCompiler(cat, 'report', [], []), table));
      const results: DbRow[][] = texts.length ? await engine.run(texts, signal) : [];
      return reportOf(
        tables.map((table, i) => ({ table, statement: { text: texts[i], params: [] } })),
        results,
      );
    },
    capabilities() {
      return { engine: 'clickhouse', pushDown: true, metrics: { ...CH_OPTIONS }, filters: true };
    },
    close: () => engine.close(),
  };
}

/**
 * Whether every table's customer ids are held as Pulso reads them (facts.ts learnt that
 * trimming changes none; unknown counts as yes). Sharded by the host's customer_id, two
 * rows of one id are on one shard only when their host values are equal: " c1" and "c1"
 * are one customer to Pulso and may be on two shards, so a `shardedBy` source then
 * merges where the rows meet, as for any sharding.
 */
function idsAsHeld(catalog: Catalog, plans: TablePlans): boolean {
  return TABLE_NAMES.every((table) => {
    const id = catalog[table]?.canonical.get('customer_id');
    const text = id?.kind === 'column' && id.type === 'text';
    return !text || !plans[table] || plans[table].trimmed.has('customer_id');
  });
}

/** The statements as sent (with the settings colocation needs), those of later stages too. */
function settled(c: ChCompiler, compiled: ChCompiled): ChCompiled {
  const next = compiled.next?.bind(compiled);
  return {
    ...compiled,
    statements: compiled.statements.map((s) => c.settled(s)),
    next: next && ((results) => {
      const more = next(results);
      return more && settled(c, more);
    }),
  };
}
