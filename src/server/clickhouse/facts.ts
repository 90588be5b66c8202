// Validation facts for ClickHouse, as validate-once.ts learns them for a DuckDB file, but
// for tables others keep writing to. One pass per table learns which rules its rows need
// (text already trimmed, never blank; the problems some row has; whether an id repeats),
// and later statements leave out the others (valid.ts checkedRelation): `extent` then
// reads the time column alone, as a hand-written query does.
//
// The facts hold for the rows as they were. A MergeTree table's rows change only through
// its parts (an insert adds one, a merge or a mutation replaces some by new names, never
// reused), so the names of its active parts — on this server, or on every shard of a
// Distributed table (the `cluster` table function) — stamp the rows. The stamp is read
// before learning, and again after each query that used the facts, for the tables that
// query read, in one statement (one read of system.parts per cluster, whatever the number
// of tables): the same names mean the query read the rows the facts describe; other
// names, the source learns again and runs the query again. A table whose parts cannot be
// read (another engine, no access) gets no facts: every rule, in every statement, as before.
// A part's stamp is its name, rows, bytes and time: a table dropped and written again
// (its part names start over) is not taken for the one the facts describe; the facts may
// be kept on disk under that stamp (kept-facts.ts) for a restart.
import { SCHEMA, type TableName } from '../../data/schema.js';
import type { Catalog } from '../catalog.js';
import type { TablePlans } from '../context.js';
import { abortable, type DbRow } from '../engine.js';
import { count } from '../sql.js';
import type { TablePlan } from '../valid.js';
import { uniqueColumn } from '../valid.js';
import type { ChCompiler } from './context.js';
import type { ClickHouseEngine } from './engine.js';
import { keyOf, readKept, writeKept, type KeptAnswers } from './kept-facts.js';
import { ident, str } from './literal.js';
import { blankTest, trimJs } from './text.js';

/** A host table: its database (undefined: the connection's) and name. */
export interface HostTable {
  readonly db: string | undefined;
  readonly table: string;
}

/**
 * Where a table's active parts are listed: `system.parts` of the server the source talks
 * to, or of every shard of `cluster` (a Distributed table's local tables), under the
 * database and name they have there.
 */
export interface PartsAt {
  readonly cluster: string | undefined;
  readonly db: string;
  readonly table: string;
}

/** Each stamped table's active parts: name, rows, bytes and time of each (sorted, as one text). */
export type Stamp = ReadonlyMap<TableName, string>;

export interface Facts {
  readonly plans: TablePlans;
  /** The stamp read before learning (stampOf); undefined when no table has one. */
  readonly stamp: Stamp | undefined;
  /** Where each stamped table's parts are listed (partsOf). */
  readonly parts: ReadonlyMap<TableName, PartsAt>;
}

const dbExpr = (db: string | undefined) => (db === undefined ? 'currentDatabase()' : str(db));

/** An identifier of a CREATE statement's engine arguments (`x`, 'x' or "x" or bare). */
const unquote = (s: string) => s.trim().replace(/^[`'"]|[`'"]$/g, '');

/** Where a table's parts are listed; undefined for an engine without parts (View, Memory…). */
export async function partsOf(
  engine: ClickHouseEngine,
  host: HostTable,
  signal?: AbortSignal,
): Promise<PartsAt | undefined> {
  const [[row]] = await engine.run(
    [`SELECT database, engine FROM system.tables WHERE database = ${dbExpr(host.db)} AND name = ${str(host.table)}`],
    signal,
  );
  const kind = String(row?.engine ?? '');
  if (/MergeTree$/.test(kind)) return { cluster: undefined, db: String(row.database), table: host.table };
  if (kind !== 'Distributed') return undefined;
  const from = host.db === undefined ? ident(host.table) : `${ident(host.db)}.${ident(host.table)}`;
  const [[create]] = await engine.run([`SHOW CREATE TABLE ${from}`], signal);
  const args = /ENGINE = Distributed\(([^,]+),([^,]+),([^,)]+)/.exec(String(create?.statement ?? ''));
  if (!args) return undefined;
  const [cluster, db, table] = args.slice(1).map(unquote);
  if (/\(/.test(db)) return undefined; // an expression (currentDatabase()): not read here
  return { cluster, db, table };
}

/**
 * The tables' active parts (name, rows, bytes, time of each), in one statement: one read
 * of `system.parts`
 * per place (this server, or every shard of a cluster through the `cluster` table
 * function), whatever the number of tables there. A table without parts gets '[]'.
 */
export async function stampOf(
  engine: ClickHouseEngine,
  parts: ReadonlyMap<TableName, PartsAt>,
  signal?: AbortSignal,
): Promise<Stamp | undefined> {
  if (!parts.size) return undefined;
  const places = [...new Set([...parts.values()].map((p) => p.cluster ?? ''))];
  const reads = places.map((place, g) => {
    const at = [...parts.values()].filter((p) => (p.cluster ?? '') === place);
    const list = (xs: string[]) => [...new Set(xs)].map(str).join(', ');
    const from = place ? `cluster(${str(place)}, system.parts)` : 'system.parts';
    const part = `concat(name, ':', toString(rows), ':', toString(bytes_on_disk), ':', toString(toUInt32(modification_time)))`;
    return `SELECT ${g} AS g, database AS d, table AS t, ${part} AS name FROM ${from} WHERE active AND database IN (${list(at.map((p) => p.db))}) AND table IN (${list(at.map((p) => p.table))})`;
  });
  const [rows] = await engine.run(
    [`SELECT g, d, t, arraySort(groupArray(name)) AS names FROM (${reads.join(' UNION ALL ')}) GROUP BY g, d, t`],
    signal,
  );
  const key = (g: unknown, d: unknown, t: unknown) => JSON.stringify([Number(g), String(d), String(t)]);
  const found = new Map(rows.map((r) => [key(r.g, r.d, r.t), JSON.stringify(r.names)]));
  return new Map(
    [...parts].map(([name, p]) => [name, found.get(key(places.indexOf(p.cluster ?? ''), p.db, p.table)) ?? '[]']),
  );
}

/** The text columns of the host table behind each canonical text column: name → host column. */
function textColumns(catalog: Catalog, table: TableName): [string, string][] {
  const model = catalog[table]!;
  return SCHEMA[table].flatMap((spec) => {
    const source = model.canonical.get(spec.name)!;
    return spec.kind === 'string' && source.kind === 'column' && source.type === 'text'
      ? [[spec.name, ident(source.column)] as [string, string]]
      : [];
  });
}

/** A table's plan from its problems (report rows) and its text columns' counts. */
function planOf(
  texts: readonly [string, string][],
  problems: readonly DbRow[],
  counts: DbRow | undefined,
): TablePlan {
  const none = (name: string) => count(counts?.[name]) === 0;
  const trimmed = texts.filter((_, i) => none(`t${i}`)).map(([name]) => name);
  const seen = new Set<string>();
  let duplicates = false;
  for (const r of problems) {
    if (r.problem === null || r.problem === undefined) duplicates = count(r.n) > count(r.d);
    else seen.add(String(r.problem));
  }
  return {
    trimmed: new Set(trimmed),
    filled: new Set(texts.filter((_, i) => none(`t${i}`) && none(`b${i}`)).map(([name]) => name)),
    wholeMs: new Set(), // DateTime holds whole seconds
    problems: seen,
    duplicates,
  };
}

/**
 * The plans of the tables that have parts: per table, its problems and distinct ids (the
 * report's statement, every rule) and, in one scan, how many text values trimming would
 * change and how many are blank.
 */
export async function learnPlans(
  engine: ClickHouseEngine,
  catalog: Catalog,
  at: { parts: ReadonlyMap<TableName, PartsAt>; stamp: Stamp },
  compiler: () => ChCompiler,
  held: KeptAnswers = new Map(),
): Promise<{ plans: TablePlans; answers: KeptAnswers }> {
  const plans: TablePlans = {};
  const answers: KeptAnswers = new Map();
  for (const table of at.parts.keys()) {
    const texts = textColumns(catalog, table);
    const learn = texts.flatMap(([, raw], i) => [
      `countIf(ifNull(${raw}, '') != ${trimJs(raw)}) AS t${i}`,
      `countIf(${blankTest(raw)}) AS b${i}`,
    ]);
    const statements = [reportStatement(compiler(), table)];
    if (learn.length) statements.push(`SELECT ${learn.join(', ')} FROM ${catalog[table]!.from}`);
    // The texts' names too: planOf reads the counts by position.
    const key = keyOf([...statements, ...texts.map(([name]) => name)], at.parts.get(table), at.stamp.get(table));
    const results = held.get(key) ?? (await engine.run(statements));
    answers.set(key, results);
    plans[table] = planOf(texts, results[0], results[1]?.[0]);
  }
  return { plans, answers };
}

/** SPEC §1's counts of one table: rows and distinct ids per first problem (every rule). */
export function reportStatement(c: ChCompiler, table: TableName): string {
  const idColumn = uniqueColumn(table);
  const distinct = idColumn ? `uniqExact(${ident(idColumn)})` : 'count()';
  return `SELECT _problem AS problem, count() AS n, ${distinct} AS d FROM ${c.checked(table)} GROUP BY _problem`;
}

/**
 * Reads of the stamp after queries, shared: a query that ended joins the read not sent
 * yet, which is sent once the one under way is answered (or at once when none is). A
 * read sent after a query ended sees every part that query could have read, so one
 * statement answers every query that ended before it (a dashboard's many queries), and
 * a lone query's read is sent at once, as before.
 */
function sharedStamps(engine: ClickHouseEngine) {
  type Read = { parts: Map<TableName, PartsAt>; stamp: Promise<Stamp | undefined> };
  let queued: Read | undefined;
  let last: Promise<unknown> = Promise.resolve();
  return (parts: ReadonlyMap<TableName, PartsAt>): Promise<Stamp | undefined> => {
    if (!queued) {
      const read: Read = { parts: new Map(), stamp: Promise.resolve(undefined) };
      read.stamp = last.then(() => {
        if (queued === read) queued = undefined;
        return stampOf(engine, read.parts);
      });
      last = read.stamp.catch(() => undefined);
      queued = read;
    }
    for (const [table, at] of parts) queued.parts.set(table, at);
    return queued.stamp;
  };
}

/**
 * A source's facts: `learnt` learns them on first use, by one call whatever its signal
 * (the others wait for it), and again after the catalog could not be read or once `hold`
 * found the tables' parts changed. A pass that fails otherwise (a timeout on a huge
 * table, no access) leaves every rule in place, as validateOnce false does.
 */
export function keepFacts(
  engine: ClickHouseEngine,
  readCatalog: () => Promise<Catalog>,
  hosts: ReadonlyMap<TableName, HostTable>,
  report: (catalog: Catalog) => ChCompiler,
  file?: { path: string; reader: string },
) {
  let facts: Promise<Facts> | undefined;
  const stampAfter = sharedStamps(engine);
  const learn = async (cat: Catalog): Promise<Facts> => {
    const parts = new Map<TableName, PartsAt>();
    for (const [name, host] of hosts) {
      const where = cat[name] && (await partsOf(engine, host).catch(() => undefined));
      if (where) parts.set(name, where);
    }
    try {
      const stamp = await stampOf(engine, parts);
      if (!stamp) return { plans: {}, stamp, parts };
      const held = file === undefined ? undefined : await readKept(file.path, file.reader);
      const { plans, answers } = await learnPlans(engine, cat, { parts, stamp }, () => report(cat), held);
      // Written when something was learnt; a failed write only costs the next start's pass.
      if (file !== undefined && [...answers.keys()].some((k) => !held?.has(k)))
        await writeKept(file.path, file.reader, answers).catch(() => undefined);
      return { plans, stamp, parts };
    } catch {
      return { plans: {}, stamp: undefined, parts };
    }
  };
  return {
    learnt(signal?: AbortSignal): Promise<Facts> {
      facts ??= readCatalog().then(learn, (e: unknown) => {
        facts = undefined;
        throw e;
      });
      return signal ? abortable(facts, signal) : facts;
    },
    /**
     * Whether a query that used `known` read the rows they describe: no part of the
     * tables it read (`tables`) changed since they were learnt. Read after the query
     * ended (sharedStamps), so a part written before or while it ran is seen.
     */
    async hold(known: Facts, tables: Iterable<TableName>, signal?: AbortSignal): Promise<boolean> {
      const read = new Map([...tables].flatMap((t) => (known.parts.has(t) ? [[t, known.parts.get(t)!] as const] : [])));
      if (known.stamp === undefined || !read.size) return true;
      const now = await (signal ? abortable(stampAfter(read), signal) : stampAfter(read));
      if ([...read.keys()].every((t) => now?.get(t) === known.stamp?.get(t))) return true;
      if (facts && (await facts) === known) facts = undefined;
      return false;
    },
  };
}
