// SPEC §1's validation in SQL: each table's rows with their canonical columns
// normalized as `validate` stores them (text trimmed, blank = no value, survey kinds in
// lower case, times as epoch ms beside a UTC timestamp, numbers as doubles) and the
// first problem of each row, in the order `validate` checks them. Rows with a problem
// are left out of every query and counted in `report()`.
//
// Duplicate ids: SQL rows have no input order, so "the first row wins" cannot be
// followed. Among the rows of one id that have no other problem, the one that sorts
// first by its canonical columns (then its other columns as text) is kept and the
// others count as `duplicate-id`; a row with a problem of its own counts under that
// problem (validate counts such a row as a duplicate when it comes after the kept one).
import { SCHEMA, type ColumnSpec, type TableName } from '../data/schema.js';
import { toNumber, toText } from '../data/values.js';
import { parseTimestamp } from '../time/parse.js';
import type { CanonicalSource, SqlType, TableModel } from './catalog.js';
import type { Dialect } from './dialect.js';
import { ident, type Params } from './sql.js';

/** A database column Pulso cannot read as its canonical type. */
export class SqlSchemaError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'SqlSchemaError';
  }
}

/** The largest |epoch ms| a JavaScript Date holds; times beyond are unparseable there. */
const MAX_MS = 8.64e15;

/** The unique id column of a table, if any. */
export function uniqueColumn(table: TableName): string | undefined {
  return SCHEMA[table].find((s) => s.unique)?.name;
}

/** Internal name of the UTC timestamp beside a time column's epoch ms. */
export const tsName = (column: string) => `${column}__ts`;

/** Internal name of an extra column in the checked relation. */
export const extraName = (i: number) => `x__${i}`;

/**
 * What validation once learnt of a table that cannot change (validate-once.ts): the text
 * columns whose every value is already trimmed, the problems that occur, and whether an
 * id repeats. A rule that never applies is then left out of the table's SQL: every row
 * still gets the problem (or none) and the value it would get with every rule.
 */
export interface TablePlan {
  /** Canonical text columns where trimming changes no value. */
  readonly trimmed: ReadonlySet<string>;
  /** Canonical text columns (trimmed ones) with no blank value: read as they are, no NULLIF. */
  readonly filled: ReadonlySet<string>;
  /**
   * Canonical time columns whose every value is a whole millisecond: their epoch ms need
   * no flooring, and comparing their timestamps compares their ms.
   */
  readonly wholeMs: ReadonlySet<string>;
  /** The problems (`field|problem`) some row has first. */
  readonly problems: ReadonlySet<string>;
  /** Whether two valid rows share an id (tables with a unique id). */
  readonly duplicates: boolean;
}

interface Normalized {
  /** Select items of the inner relation. */
  items: string[];
  /** Conditions, each with the problem it means, in checking order. */
  checks: [string, string][];
}

function describe(model: TableModel, spec: ColumnSpec, source: CanonicalSource & { kind: 'column' }): string {
  return `column ${ident(source.column)} of ${model.from} (canonical ${model.name}.${spec.name})`;
}

/** The SQL of a canonical column's value, and its own checks (missing, unparseable, out of range…). */
function normalize(model: TableModel, spec: ColumnSpec, d: Dialect, p: Params, out: Normalized, plan?: TablePlan): void {
  const source = model.canonical.get(spec.name)!;
  const name = ident(spec.name);
  const problem = (what: string) => `'${spec.name}|${what}'`;
  const raw = source.kind === 'column' ? ident(source.column) : 'NULL';
  if (spec.kind === 'string') {
    let value: string;
    if (source.kind === 'constant') {
      const text = toText(source.value) ?? '';
      value = text === '' ? 'NULL' : p.text(text);
    } else if (source.kind === 'absent') value = 'NULL';
    else if (source.type === 'text') value = textValue(model.name, spec.name, raw, d, plan);
    else if (source.type === 'integer') value = d.text(raw);
    else throw new SqlSchemaError(`${describe(model, spec, source)} has type ${source.type}; it must be text or an integer`);
    if (model.name === 'surveys' && spec.name === 'kind' && !(source.kind === 'column' && source.type === 'text')) value = `lower(${value})`;
    out.items.push(`${value} AS ${name}`);
    if (spec.required) out.checks.push([`${name} IS NULL`, problem('missing')]);
    return;
  }
  if (spec.kind === 'time') {
    let ts: string;
    const whole = plan?.wholeMs.has(spec.name) === true;
    if (source.kind === 'constant') {
      const ms = parseTimestamp(source.value);
      ts = Number.isNaN(ms) ? 'CAST(NULL AS TIMESTAMP)' : d.timestampOfMs(p.num(ms));
      if (Number.isNaN(ms)) out.checks.push(['TRUE', problem('unparseable-time')]);
    } else if (source.kind === 'absent') ts = `CAST(NULL AS TIMESTAMP)`;
    else ts = columnTime(model, spec, source, d);
    out.items.push(`${ts} AS ${ident(tsName(spec.name))}`, `${d.epochMs(ts, whole)} AS ${name}`);
    // On the timestamp: the same rows, without computing the ms.
    if (spec.required) out.checks.push([`${ident(tsName(spec.name))} IS NULL`, problem('missing')]);
    out.checks.push([`(${name} < -${MAX_MS} OR ${name} > ${MAX_MS})`, problem('unparseable-time')]);
    return;
  }
  let value: string;
  let infinite = 'FALSE';
  if (source.kind === 'constant') {
    const x = toNumber(source.value);
    value = Number.isNaN(x) ? 'NULL' : p.num(x);
    if (Number.isNaN(x)) out.checks.push(['TRUE', problem(toText(source.value)?.trim() ? 'not-a-number' : 'missing')]);
  } else if (source.kind === 'absent') value = 'CAST(NULL AS DOUBLE PRECISION)';
  else if (source.type === 'integer') {
    value = d.double(raw); // never NaN nor infinite
    // Beside the double, the integer itself for the NPS comparisons (SCORE_INT).
    if (integerScore(model, d) && spec.name === 'score') out.items.push(`${raw} AS ${ident(SCORE_INT)}`);
  }
  else if (source.type === 'float') {
    const x = d.double(raw);
    value = `CASE WHEN ${d.isNaN(x)} THEN NULL ELSE ${x} END`;
    infinite = d.isInfinite(x);
  } else throw new SqlSchemaError(`${describe(model, spec, source)} has type ${source.type}; it must be a number`);
  out.items.push(`${value} AS ${name}`, `${infinite} AS ${ident(`${spec.name}__inf`)}`);
  if (spec.required) out.checks.push([`${name} IS NULL`, problem('missing')]);
  out.checks.push([ident(`${spec.name}__inf`), problem('not-a-number')]);
  if (spec.integer) out.checks.push([`${name} <> floor(${name})`, problem('not-an-integer')]);
  if (spec.min !== undefined) out.checks.push([`${name} < ${spec.min}`, problem('out-of-range')]);
  if (spec.max !== undefined) out.checks.push([`${name} > ${spec.max}`, problem('out-of-range')]);
}

/** The UTC timestamp of a time column of the host table. */
function columnTime(model: TableModel, spec: ColumnSpec, source: CanonicalSource & { kind: 'column' }, d: Dialect): string {
  const raw = ident(source.column);
  if (source.type === 'timestamp' || source.type === 'date') return `CAST(${raw} AS TIMESTAMP)`;
  if (source.type === 'timestamptz') return d.utcOfTz(raw);
  throw new SqlSchemaError(`${describe(model, spec, source)} has type ${source.type}; it must be TIMESTAMP, TIMESTAMPTZ or DATE (holding UTC)`);
}

/** The canonical time columns read from a column of the host table: name → its UTC timestamp. */
export function timeColumns(model: TableModel, d: Dialect): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of SCHEMA[model.name]) {
    const source = model.canonical.get(spec.name)!;
    if (spec.kind === 'time' && source.kind === 'column') out.set(spec.name, columnTime(model, spec, source, d));
  }
  return out;
}

/** A text column's value: trimmed unless learnt trimmed, blank read as null unless learnt never blank. */
function textValue(table: TableName, column: string, raw: string, d: Dialect, plan?: TablePlan): string {
  if (!plan?.trimmed.has(column)) return `NULLIF(${normalText(table, column, raw, d)}, '')`;
  return plan.filled.has(column) ? raw : `NULLIF(${raw}, '')`;
}

/** A text column's value as validation stores it, before blank becomes null: trimmed (and, a survey kind, in lower case). */
export function normalText(table: TableName, column: string, raw: string, d: Dialect): string {
  return table === 'surveys' && column === 'kind' ? `lower(${d.trim(raw)})` : d.trim(raw);
}

/** The canonical text columns read from a text column of the host table: name → the host column, quoted. */
export function textColumns(model: TableModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const spec of SCHEMA[model.name]) {
    const source = model.canonical.get(spec.name)!;
    if (spec.kind === 'string' && source.kind === 'column' && source.type === 'text') out.set(spec.name, ident(source.column));
  }
  return out;
}

/** Name of the surveys' score as an integer column of the host holds it (see integerScore). */
export const SCORE_INT = 'score__int';

/**
 * Whether the surveys' score is an integer column of the host table and the engine
 * DuckDB: then its scale checks and NPS classes compare that integer as it is, which
 * DuckDB does inside its scan, about twice as fast as on the double. Integer
 * scale bounds and class limits (0, 1, 5, 7, 9, 10) order an integer as they order its
 * double. Sums, means and every other reader keep the double; a float column, whole
 * numbers or not, keeps it everywhere (8.5 is no NPS answer, and stays so).
 */
export function integerScore(model: TableModel, d: Dialect): boolean {
  const source = model.canonical.get('score');
  return d.name === 'duckdb' && model.name === 'surveys' && source?.kind === 'column' && source.type === 'integer';
}

/** Each survey kind's scale. */
const SCALES = [
  ['nps', 0, 10],
  ['csat', 1, 5],
  ['ces', 1, 7],
] as const;

/**
 * The survey rules, for rows of the given kinds only (a query that reads only those:
 * the other kinds' rules cannot reject a row it reads, and with one kind the test of
 * the kind goes too, which lets DuckDB check the scale in its scan); every kind else.
 */
function surveyChecks(out: Normalized, score: string, kinds?: readonly string[]): void {
  const read = SCALES.filter(([kind]) => !kinds || kinds.includes(kind));
  const of = (kind: string, cond: string) => (kinds?.length === 1 ? cond : `(kind = '${kind}' AND ${cond})`);
  if (!kinds) out.checks.push([`kind NOT IN ('nps', 'csat', 'ces')`, `'kind|unknown-kind'`]);
  if (read.length) out.checks.push([`(${read.map(([kind, lo, hi]) => of(kind, `(${score} < ${lo} OR ${score} > ${hi})`)).join(' OR ')})`, `'score|out-of-range'`]);
  // An integer column holds no fraction: the check could never fire.
  if (score === 'score' && read.some(([kind]) => kind === 'nps')) out.checks.push([of('nps', 'score <> floor(score)'), `'score|not-an-integer'`]);
}

/** Rules across columns, after every column's own: survey kind and scale; ends before starts. */
function crossChecks(model: TableModel, d: Dialect, out: Normalized, plan?: TablePlan, kinds?: readonly string[]): void {
  if (model.name === 'surveys') surveyChecks(out, integerScore(model, d) ? SCORE_INT : 'score', kinds);
  for (const spec of SCHEMA[model.name]) {
    for (const start of spec.notBefore ?? []) {
      // On whole ms, the timestamps compare as their ms do, without computing them.
      const onTs = plan?.wholeMs.has(spec.name) && plan.wholeMs.has(start);
      const [end, from] = onTs ? [tsName(spec.name), tsName(start)] : [spec.name, start];
      out.checks.push([`${ident(end)} < ${ident(from)}`, `'${spec.name}|end-before-start'`]);
    }
  }
}

export interface Checked {
  /** SQL of the relation: normalized columns, extras as x__i, and `_problem` ('field|problem' or null). */
  readonly sql: string;
  /** Extra column name → its name in the relation. */
  readonly extras: ReadonlyMap<string, { readonly name: string; readonly type: SqlType }>;
}

/**
 * The checked relation of a table. Checks run in `validate`'s order: each canonical
 * column in schema order (missing, then its own parse and range rules), then the
 * rules across columns; a row gets the first problem found.
 */
export function checkedRelation(model: TableModel, d: Dialect, p: Params, extras: Iterable<string>, plan?: TablePlan, kinds?: readonly string[]): Checked {
  const out: Normalized = { items: [], checks: [] };
  for (const spec of SCHEMA[model.name]) normalize(model, spec, d, p, out, plan);
  crossChecks(model, d, out, plan, kinds);
  // A check that is never a row's first problem changes no row's first problem.
  if (plan) out.checks = out.checks.filter(([, problem]) => plan.problems.has(problem.slice(1, -1)));
  const map = new Map<string, { name: string; type: SqlType }>();
  let i = 0;
  for (const e of extras) {
    const extra = model.extras.get(e);
    if (!extra || map.has(e)) continue;
    const alias = extraName(i++);
    map.set(e, { name: alias, type: extra.type });
    out.items.push(`${ident(extra.column)} AS ${ident(alias)}`);
  }
  const cases = out.checks.map(([cond, problem]) => `WHEN ${cond} THEN ${problem}`).join(' ');
  const problem = cases ? `CASE ${cases} END` : 'CAST(NULL AS VARCHAR)';
  const sql = `SELECT n.*, ${problem} AS _problem FROM (SELECT ${out.items.join(', ')} FROM ${model.from}) n`;
  return { sql, extras: map };
}

/**
 * The rows validation accepts: no problem, and for tables with a unique id, one row
 * per id (the first by the canonical columns, then the extras as text).
 */
export function validRelation(table: TableName, checked: string, columns: readonly string[], d: Dialect, plan?: TablePlan): string {
  const id = uniqueColumn(table);
  if (!id || plan?.duplicates === false) return `SELECT * FROM ${checked} WHERE _problem IS NULL`;
  const order = columns.map((c) => `${d.text(ident(c))} NULLS LAST`).join(', ');
  return `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY ${ident(id)} ORDER BY ${order}) AS _dup FROM ${checked} WHERE _problem IS NULL) d WHERE _dup = 1`;
}
