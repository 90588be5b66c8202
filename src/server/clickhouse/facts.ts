// Validation facts for ClickHouse, as validate-once.ts learns them for a DuckDB file, but
// for tables others keep writing to. One pass per table learns which rules its rows need
// (text already trimmed, never blank; the problems some row has; whether an id repeats),
// and later statements leave out the others (valid.ts checkedRelation): `extent` then
// reads the time column alone, as a hand-written query does.
//
// The facts hold for the rows as they were. A MergeTree table's rows change only through
// its parts (an insert adds one, a merge or a mutation replaces some by new names, never
// reused), so its active parts — on this server, or on every shard of a Distributed table
// (the `cluster` table function) — stamp the rows (parts.ts). The stamp is read before
// learning; then every read of a stamped table by a query carries a check (partsGuard),
// which each shard runs on its own parts before it reads a row, and which fails the
// statement when a part is not in the stamp: the source learns again and runs the query
// again. No statement of its own, no second fan-out to the shards. A table whose parts
// cannot be read (another engine, no access) gets no facts: every rule, in every
// statement, as before. A part's stamp is its server, path, rows, bytes and time: a table
// dropped and written again (its part names start over) is not taken for the one the
// facts describe; the facts may be kept on disk under that stamp (kept-facts.ts) for a restart.
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
import { partsGuard, partsOf, stampOf, type HostTable, type PartsAt, type Stamp } from './parts.js';
import { blankTest, trimJs } from './text.js';

export interface Facts {
  readonly plans: TablePlans;
  /** The check in every read of a table that has a plan (partsGuard, on the stamp read before learning). */
  readonly guards: ReadonlyMap<TableName, string>;
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
    const key = keyOf([...statements, ...texts.map(([name]) => name)], at.parts.get(table), JSON.stringify(at.stamp.get(table)));
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
 * A source's facts: `learnt` learns them on first use, by one call whatever its signal
 * (the others wait for it), and again after the catalog could not be read or once a
 * query's guard found the tables' parts changed (`forget`). A pass that fails otherwise (a timeout on a huge
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
  const learn = async (cat: Catalog): Promise<Facts> => {
    const parts = new Map<TableName, PartsAt>();
    for (const [name, host] of hosts) {
      const where = cat[name] && (await partsOf(engine, host).catch(() => undefined));
      if (where) parts.set(name, where);
    }
    try {
      const stamp = await stampOf(engine, parts);
      if (!stamp) return { plans: {}, guards: new Map() };
      const held = file === undefined ? undefined : await readKept(file.path, file.reader);
      const { plans, answers } = await learnPlans(engine, cat, { parts, stamp }, () => report(cat), held);
      // Written when something was learnt; a failed write only costs the next start's pass.
      if (file !== undefined && [...answers.keys()].some((k) => !held?.has(k)))
        await writeKept(file.path, file.reader, answers).catch(() => undefined);
      return { plans, guards: new Map([...parts].map(([t, at]) => [t, partsGuard(at, stamp.get(t)!)])) };
    } catch {
      return { plans: {}, guards: new Map() };
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
    /** Forgets `known` (a guard found a part not in its stamp): the next `learnt` learns again. */
    async forget(known: Facts): Promise<void> {
      if (facts && (await facts.catch(() => undefined)) === known) facts = undefined;
    },
  };
}
