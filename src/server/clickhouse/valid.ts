// SPEC §1's validation in ClickHouse SQL, as src/server/valid.ts does it for the other
// engines: each table's rows with their canonical columns normalized as `validate`
// stores them (text trimmed as JavaScript trims, blank = no value, survey kinds in lower
// case, times as epoch ms beside the DateTime, numbers as Float64 without NaN) and the
// first problem of each row, in `validate`'s order. Rows with a problem are left out of
// every query and counted in `report()`.
//
// One SELECT reads the host table, normalizes and checks each row (on a Distributed
// table the shards run it, and send only the rows validation keeps). Its aliases are
// prefixed (n__), so none can shadow a host column of the same name; a SELECT above
// gives the canonical names back. Duplicate ids: one row per id is kept, the
// first by its canonical columns as text (LIMIT 1 BY), as on the other engines.
import { SCHEMA, type ColumnSpec, type TableName } from '../../data/schema.js';
import { toNumber, toText } from '../../data/values.js';
import { parseTimestamp } from '../../time/parse.js';
import type { CanonicalSource, SqlType, TableModel } from '../catalog.js';
import { SqlSchemaError, tsName, uniqueColumn, extraName, type TablePlan } from '../valid.js';
import { ident, int, num, str } from './literal.js';
import { blankTest, float, trimJs } from './text.js';

export { blankTest, float, trimJs } from './text.js';

interface Normalized {
  /** The relation's column names, in order (each the alias n__name inside). */
  names: string[];
  items: string[];
  checks: [string, string][];
  /** A host column as the relation reads it. */
  raw(column: string): string;
  /**
   * A host column as a value of the relation: Nullable in the relation (its columns keep
   * one type whatever the host's, for joins and unions), as held in a one-level scan.
   */
  held(column: string): string;
  /** Each relation column's expression (over host columns and earlier names), by name. */
  exprs: Map<string, string>;
  /** Cheaper tests for some checks (a text column's "missing": blank, without trimming it). */
  cheap: Map<string, string>;
}

/** The inner alias of a relation column. */
const inner = (name: string) => ident(`n__${name}`);

function item(out: Normalized, expr: string, name: string): void {
  out.exprs.set(name, expr);
  out.items.push(`${expr} AS ${inner(name)}`);
  out.names.push(name);
}

function describe(
  model: TableModel,
  spec: ColumnSpec,
  source: CanonicalSource & { kind: 'column' },
): string {
  return `column ${ident(source.column)} of ${model.from} (canonical ${model.name}.${spec.name})`;
}

function textColumn(
  model: TableModel,
  spec: ColumnSpec,
  source: CanonicalSource,
  out: Normalized,
  plan?: TablePlan,
): string {
  if (source.kind === 'constant') {
    const text = toText(source.value) ?? '';
    return text === '' ? 'CAST(NULL AS Nullable(String))' : `toNullable(${str(text)})`;
  }
  if (source.kind === 'absent') return 'CAST(NULL AS Nullable(String))';
  const held = out.held(source.column);
  if (source.type === 'text') {
    // What validation facts learnt (facts.ts): values already trimmed, never blank.
    if (plan?.filled.has(spec.name)) return held;
    if (plan?.trimmed.has(spec.name)) return `nullIf(${held}, '')`;
    return `nullIf(${trimJs(held)}, '')`;
  }
  if (source.type === 'integer') return `toString(${held})`;
  throw new SqlSchemaError(
    `${describe(model, spec, source)} has type ${source.type}; it must be text or an integer`,
  );
}

/** The DateTime of a time column (second precision: ClickHouse 18.16 has no DateTime64). */
function timeColumn(
  model: TableModel,
  spec: ColumnSpec,
  source: CanonicalSource,
  out: Normalized,
): string {
  const none = 'CAST(NULL AS Nullable(DateTime))';
  if (source.kind === 'constant') {
    const ms = parseTimestamp(source.value);
    if (Number.isNaN(ms)) out.checks.push(['1', `'${spec.name}|unparseable-time'`]);
    return Number.isNaN(ms) || ms < 0
      ? none
      : `toNullable(toDateTime(${int(Math.floor(ms / 1000))}))`;
  }
  if (source.kind === 'absent') return none;
  const held = out.held(source.column);
  if (source.type === 'timestamp') return held;
  if (source.type === 'date') return `toDateTime(toUInt32(${held}) * 86400)`;
  throw new SqlSchemaError(
    `${describe(model, spec, source)} has type ${source.type}; it must be DateTime or Date (instants)`,
  );
}

function numberColumn(
  spec: ColumnSpec,
  source: CanonicalSource,
  model: TableModel,
  out: Normalized,
): string {
  if (source.kind === 'constant') {
    const x = toNumber(source.value);
    if (Number.isNaN(x))
      out.checks.push([
        '1',
        `'${spec.name}|${toText(source.value)?.trim() ? 'not-a-number' : 'missing'}'`,
      ]);
    return Number.isNaN(x) ? 'CAST(NULL AS Nullable(Float64))' : `toNullable(${num(x)})`;
  }
  if (source.kind === 'absent') return 'CAST(NULL AS Nullable(Float64))';
  if (source.type !== 'integer' && source.type !== 'float') {
    throw new SqlSchemaError(
      `${describe(model, spec, source)} has type ${source.type}; it must be a number`,
    );
  }
  return float(out.held(source.column));
}

function normalize(model: TableModel, spec: ColumnSpec, out: Normalized, plan?: TablePlan): void {
  const source = model.canonical.get(spec.name)!;
  const name = inner(spec.name);
  const problem = (what: string) => `'${spec.name}|${what}'`;
  if (spec.kind === 'string') {
    let value = textColumn(model, spec, source, out, plan);
    if (model.name === 'surveys' && spec.name === 'kind') value = `lowerUTF8(${value})`;
    item(out, value, spec.name);
    if (spec.required) {
      out.checks.push([`isNull(${name})`, problem('missing')]);
      if (source.kind === 'column' && source.type === 'text' && !plan?.trimmed.has(spec.name)) {
        const raw = out.raw(source.column);
        out.cheap.set(`isNull(${name})`, blankTest(raw));
      }
    }
    return;
  }
  if (spec.kind === 'time') {
    item(out, timeColumn(model, spec, source, out), tsName(spec.name));
    item(out, `toInt64(${inner(tsName(spec.name))}) * 1000`, spec.name);
    if (spec.required) out.checks.push([`isNull(${name})`, problem('missing')]);
    return;
  }
  item(out, numberColumn(spec, source, model, out), spec.name);
  if (spec.required) out.checks.push([`isNull(${name})`, problem('missing')]);
  out.checks.push([`isInfinite(${name})`, problem('not-a-number')]);
  if (spec.integer) out.checks.push([`${name} != floor(${name})`, problem('not-an-integer')]);
  if (spec.min !== undefined) out.checks.push([`${name} < ${spec.min}`, problem('out-of-range')]);
  if (spec.max !== undefined) out.checks.push([`${name} > ${spec.max}`, problem('out-of-range')]);
}

function crossChecks(table: TableName, out: Normalized): void {
  if (table === 'surveys') {
    out.checks.push(
      [`n__kind NOT IN ('nps', 'csat', 'ces')`, `'kind|unknown-kind'`],
      [
        `(n__kind = 'nps' AND (n__score < 0 OR n__score > 10)) OR (n__kind = 'csat' AND (n__score < 1 OR n__score > 5)) OR (n__kind = 'ces' AND (n__score < 1 OR n__score > 7))`,
        `'score|out-of-range'`,
      ],
      [`n__kind = 'nps' AND n__score != floor(n__score)`, `'score|not-an-integer'`],
    );
  }
  for (const spec of SCHEMA[table]) {
    for (const start of spec.notBefore ?? [])
      out.checks.push([`${inner(spec.name)} < ${inner(start)}`, `'${spec.name}|end-before-start'`]);
  }
}

export interface CheckedCh {
  /** The relation (parenthesized): normalized columns, extras as x__i, and `_problem`. */
  readonly sql: string;
  /** The same relation with the rows that have a problem left out (where the host table is read). */
  readonly accepted: string;
  readonly extras: ReadonlyMap<string, { readonly name: string; readonly type: SqlType }>;
  /**
   * The accepted rows as one level over the host table, for a query that aggregates in
   * that same level (on a Distributed table each shard then aggregates its own rows):
   * each relation column's expression over the host columns (`columns`: no alias, so
   * the server computes only what the query reads, once however often it is written),
   * and `accepted`, the condition that leaves out the rows with a problem, the guard
   * first; `unguarded`, the same without it, for a level that has the `guard` in its
   * HAVING instead (extent.ts).
   */
  readonly scan: {
    readonly from: string;
    readonly columns: ReadonlyMap<string, string>;
    readonly accepted: string;
    readonly unguarded: string;
    readonly guard: string | undefined;
  };
}

/**
 * The checked relation of a table; a row gets the first problem in `validate`'s order.
 * With a plan (facts.ts: what one pass learnt of rows that have not changed since), the
 * rules that never fire are left out: every row keeps its problem (or none) and value;
 * `guard`, the check that the rows are still those (parts.ts partsGuard), is then in the
 * condition of every level that reads the host table, where each shard runs it (or in the
 * HAVING of a scan each shard finishes, which reads `scan.unguarded`: extent.ts).
 */
export function checkedRelation(
  model: TableModel,
  extras: Iterable<string>,
  plan?: TablePlan,
  guard?: string,
): CheckedCh {
  // The relation reads every host column as Nullable; the scan, as the host holds it (a
  // non-Nullable column is not wrapped row by row, and a time compared as stored can use
  // the table's primary key).
  const { out, map } = normalized(model, extras, plan, (c) => `toNullable(${ident(c)})`);
  // A NULL condition (a comparison with a missing value) is not a problem, as in SQL's CASE.
  const cases = out.checks.map(([cond, problem]) => `ifNull(${cond}, 0), ${problem}`).join(', ');
  const problem = cases
    ? `multiIf(${cases}, CAST(NULL AS Nullable(String)))`
    : 'CAST(NULL AS Nullable(String))';
  const names = out.names.map((n) => `${inner(n)} AS ${ident(n)}`).join(', ');
  const kept = guard ? [guard] : [];
  const read = (where: string[]) =>
    `(SELECT ${names}, _problem FROM (SELECT ${out.items.join(', ')}, ${problem} AS _problem FROM ${model.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}))`;
  // The scan: inner names replaced by their expressions (each written after the names it reads).
  const own = normalized(model, extras, plan, ident).out;
  const columns = new Map<string, string>();
  const expand = (sql: string) =>
    sql.replace(/`?n__([A-Za-z0-9_]+)`?/g, (whole, name: string) => columns.get(name) ?? whole);
  for (const [name, expr] of own.exprs) columns.set(name, `(${expand(expr)})`);
  const tests = own.checks.map(([cond]) => `ifNull(${expand(own.cheap.get(cond) ?? cond)}, 0)`);
  const valid = tests.length ? [`NOT (${tests.join(' OR ')})`] : [];
  return {
    sql: read(kept),
    accepted: read([...kept, 'isNull(_problem)']),
    extras: map,
    scan: { from: model.from, columns, accepted: [...kept, ...valid].join(' AND ') || '1', unguarded: valid.join(' AND ') || '1', guard },
  };
}

/** A table's columns normalized and its checks (those some row needs, with a plan), each host column read by `held`. */
function normalized(
  model: TableModel,
  extras: Iterable<string>,
  plan: TablePlan | undefined,
  held: (column: string) => string,
): { out: Normalized; map: Map<string, { name: string; type: SqlType }> } {
  const out: Normalized = { names: [], items: [], checks: [], raw: ident, held, exprs: new Map(), cheap: new Map() };
  for (const spec of SCHEMA[model.name]) normalize(model, spec, out, plan);
  crossChecks(model.name, out);
  // A check whose problem no row has first changes no row's outcome (an earlier one decides).
  if (plan) out.checks = out.checks.filter(([, p]) => plan.problems.has(p.slice(1, -1)));
  const map = new Map<string, { name: string; type: SqlType }>();
  for (const e of extras) {
    const extra = model.extras.get(e);
    if (!extra || map.has(e)) continue;
    const alias = extraName(map.size);
    map.set(e, { name: alias, type: extra.type });
    item(out, out.raw(extra.column), alias);
  }
  return { out, map };
}

/**
 * The rows validation accepts: no problem, one row per unique id (the first by its
 * columns as text; `duplicates` false when facts.ts learnt that no id repeats).
 */
export function validRelation(
  table: TableName,
  accepted: string,
  columns: readonly string[],
  duplicates = true,
): string {
  const id = uniqueColumn(table);
  if (!id || !duplicates) return accepted;
  const order = [ident(id), ...columns.map((c) => `toString(${ident(c)})`)].join(', ');
  return `(SELECT * FROM ${accepted} ORDER BY ${order} LIMIT 1 BY ${ident(id)})`;
}
