// Validation facts for ClickHouse, as validate-once.ts learns them for a DuckDB file, but
// for tables others keep writing to. One pass per table learns which rules its rows need
// (text already trimmed, never blank; the problems some row has; whether an id repeats),
// and later statements leave out the others (valid.ts checkedRelation): `extent` then
// reads the time column alone, as a hand-written query does.
//
// The facts hold for the rows as they were. A MergeTree table's rows change only through
// its parts (an insert adds one, a merge or a mutation replaces some by new names, never
// reused), so the names of its active parts — on this server, or on every shard of a
// Distributed table (the `cluster` table function) — stamp the rows (parts.ts). The stamp
// is read before learning, and again after each query that used the facts, for the tables
// that query read (one read of system.parts per cluster, whatever the number of tables),
// by the query's last statement itself (stamped.ts) or, when that statement cannot carry
// it, by one of its own: the same names mean the query read the rows the facts describe;
// other names, the source learns again and runs the query again. A table whose parts cannot be
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
import { ident } from './literal.js';
import { partsOf, stampOf, stampRead, type HostTable, type PartsAt, type Stamp } from './parts.js';
import { stamped, type Stamped } from './stamped.js';
import { blankTest, trimJs } from './text.js';

export interface Facts {
  readonly plans: TablePlans;
  /** The stamp read before learning (parts.ts stampOf); undefined when no table has one. */
  readonly stamp: Stamp | undefined;
  /** Where each stamped table's parts are listed (partsOf). */
  readonly parts: ReadonlyMap<TableName, PartsAt>;
}

/** The stamp a query's own statement read after it (stamped.ts), and of which tables. */
export interface SeenStamp {
  readonly tables: ReadonlySet<TableName>;
  readonly stamp: Stamp;
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
  /** The stamped tables among `tables`, with where their parts are listed. */
  const stampedOf = (known: Facts, tables: Iterable<TableName>) =>
    new Map([...tables].flatMap((t) => (known.parts.has(t) ? [[t, known.parts.get(t)!] as const] : [])));
  return {
    learnt(signal?: AbortSignal): Promise<Facts> {
      facts ??= readCatalog().then(learn, (e: unknown) => {
        facts = undefined;
        throw e;
      });
      return signal ? abortable(facts, signal) : facts;
    },
    /**
     * A query's last statement reading after itself the parts of the tables read so far
     * (`tables`), when `known` has a stamp for some of them (stamped.ts); undefined
     * otherwise (then `hold` reads them by a statement of its own).
     */
    stamped(known: Facts, tables: Iterable<TableName>, statement: string): (Stamped & { tables: Set<TableName> }) | undefined {
      const read = stampedOf(known, tables);
      const out = known.stamp !== undefined && read.size ? stamped(statement, stampRead(read)) : undefined;
      return out && { ...out, tables: new Set(read.keys()) };
    },
    /**
     * Whether a query that used `known` read the rows they describe: no part of the
     * tables it read (`tables`) changed since they were learnt. The stamp its last
     * statement read after itself (`seen`), else one read after the query ended
     * (sharedStamps): either way a part written before or while it ran is seen.
     */
    async hold(known: Facts, tables: Iterable<TableName>, signal?: AbortSignal, seen?: SeenStamp): Promise<boolean> {
      const read = stampedOf(known, tables);
      if (known.stamp === undefined || !read.size) return true;
      const now = seen && [...read.keys()].every((t) => seen.tables.has(t))
        ? seen.stamp
        : await (signal ? abortable(stampAfter(read), signal) : stampAfter(read));
      if ([...read.keys()].every((t) => now?.get(t) === known.stamp?.get(t))) return true;
      if (facts && (await facts) === known) facts = undefined;
      return false;
    },
  };
}
