// retention in SQL: members (customers by signup, or activity customers by their first
// counted event) with their cohort, segment and churn period, counted per cohort,
// segment and last retained offset (subscription) or per offset with distinct members
// active (activity); the triangle's rows and suppression are retention's own (pushCohort).
import { NONE } from '../../metrics/input.js';
import { segmentOrder } from '../../metrics/options.js';
import { pushCohort, withExcluded, type RetentionRow } from '../../metrics/retention.js';
import { retentionSettings, type RetentionSettings } from '../../metrics/retention-options.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { withGrouped } from '../../metrics/others.js';
import { inRange, labelled, segmentLabel, segmentSql, segmentValue, type MetricCompiler } from './common.js';
import { foldRows } from './fold.js';

/** The members CTE `m` (id, c, seg[, ci]) and the rows it leaves out (`x`: their count). */
function members(c: Compiler, s: RetentionSettings, counted: (alias: string) => string): void {
  const tz = zoneParam(c, s.bucket.timeZone);
  const ord = (ts: string) => ordinal(c, s.bucket.period, ts, tz);
  const sub = s.mode === 'subscription';
  const joins: string[] = [];
  if (s.cohortBy === 'signup') {
    c.require('customers');
    const seg = s.by === undefined ? 'NULL' : segmentSql(c, 'customers', 'r', s.by, joins);
    const churn = sub ? `, ${ord('r.churned_at__ts')} AS ci` : '';
    // Only the cohorts asked for are counted (finish keeps them by index; two days' margin for the zone).
    const margin = 2 * 86_400_000;
    const lo = Number.isFinite(s.cohortMin) ? s.bucket.start(s.cohortMin) - margin : -Infinity;
    const hi = Number.isFinite(s.cohortMax) ? s.bucket.start(s.cohortMax + 1) + margin : Infinity;
    const span = inRange(c, 'r.signup_at', lo, hi, 'r.signup_at__ts');
    // The customers without a sign-up come along (c null), counted as left out by the same scan:
    // a second read of the customers made DuckDB materialize them first (1.5–2× hand-written SQL).
    c.define(
      'm',
      `SELECT r.customer_id AS id, ${ord('r.signup_at__ts')} AS c, ${seg} AS seg${churn} FROM ${c.filtered('customers')} r ${joins.join(' ')} WHERE r.signup_at__ts IS NULL OR (${span})`,
    );
    return;
  }
  c.require('activity');
  if (sub) c.require('customers');
  const activity = c.filtered('activity');
  c.define('fa', `SELECT a.customer_id AS id, min(a.at) AS t0, min(a.at__ts) AS t0ts FROM ${activity} a WHERE ${counted('a')} GROUP BY a.customer_id`);
  let seg = 'NULL';
  if (s.by !== undefined) {
    const v = segmentValue(c, 'activity', 'a', s.by, joins);
    // Rows at the first instant may disagree (an activity column): the first value in segment order, "(none)" last.
    // Bound only for text: an unused parameter is an error to both engines (a numeric `by`).
    const least =
      v.mode === 'text' ? `min(${c.d.binary(`CASE WHEN ${v.sql} = ${c.p.text(NONE)} THEN NULL ELSE ${v.sql} END`)})` : `min(${v.sql})`;
    seg = labelled(c, { sql: least, mode: v.mode });
  }
  const customers = sub ? `JOIN ${c.filtered('customers')} cu ON cu.customer_id = fa.id` : '';
  const churn = sub ? `, ${ord('min(cu.churned_at__ts)')} AS ci` : '';
  c.define(
    'm',
    `SELECT fa.id, ${ord('fa.t0ts')} AS c, ${seg} AS seg${churn} FROM fa ${customers}
  JOIN ${activity} a ON a.customer_id = fa.id AND a.at = fa.t0 AND ${counted('a')} ${joins.join(' ')}
  GROUP BY fa.id, fa.t0ts`,
  );
}

export const compileRetention: MetricCompiler = (c, options) => {
  const s = retentionSettings(options);
  const events = s.events;
  let eventsParam: string | undefined;
  // Bound only when a statement reads activity (an unused parameter is an error to both engines).
  const counted = (alias: string) => (events === undefined ? 'TRUE' : c.d.inList(`${alias}.event`, (eventsParam ??= c.p.texts(events))));
  members(c, s, counted);
  const sub = s.mode === 'subscription';
  const tz = zoneParam(c, s.bucket.timeZone);
  // Without `by` the segment is a constant, left out of the keys: DuckDB then groups two small integers in a perfect hash.
  const seg = (alias: string) => (s.by === undefined ? { sql: 'NULL', key: '' } : { sql: `${alias}seg`, key: `, ${alias}seg` });
  const kind = s.cohortBy === 'signup' ? `CASE WHEN c IS NULL THEN 'ns' ELSE 's' END` : `'s'`;
  const parts = [`SELECT ${kind} AS k, c, ${seg('').sql} AS seg, ${sub ? 'ci' : 'NULL'} AS x, count(*) AS n FROM m GROUP BY c${seg('').key}${sub ? ', ci' : ''}`];
  if (!sub) {
    const offset = `${ordinal(c, s.bucket.period, 'a.at__ts', tz)} - m.c`;
    parts.push(`SELECT 'r' AS k, m.c, ${seg('m.').sql}, ${offset} AS x, count(DISTINCT m.id) AS n FROM m JOIN ${c.filtered('activity')} a ON a.customer_id = m.id
  WHERE ${counted('a')} AND ${offset} >= 0 GROUP BY m.c${seg('m.').key}, ${offset}`);
  }
  if (s.cohortBy === 'signup') {
    if (!sub) {
      parts.push(`SELECT 'nc' AS k, NULL, NULL, NULL, count(DISTINCT a.customer_id) AS n FROM ${c.filtered('activity')} a
  WHERE ${counted('a')} AND a.customer_id NOT IN (SELECT customer_id FROM ${c.filtered('customers')})`);
    }
  } else if (sub) parts.push(`SELECT 'nc' AS k, NULL, NULL, NULL, count(*) AS n FROM fa WHERE fa.id NOT IN (SELECT customer_id FROM ${c.filtered('customers')})`);
  return {
    statements: [c.statement(parts.join('\nUNION ALL\n'))],
    finish([rows]) {
      return foldedTriangle(rows, rows.filter((r) => r.k === 's'), s) as never;
    },
  };
};

interface Group {
  c: number;
  label: string;
  size: number;
  /** Subscription: members per last retained offset (Infinity key = never churned in range); activity: retained per offset. */
  at: Map<number, number>;
}

/**
 * The triangle with the segments past maxSegments folded into "(others)": weighed by
 * their members in the cohorts shown (`members`: the 's' groups), as the kernel weighs them.
 */
export function foldedTriangle(rows: readonly DbRow[], members: readonly DbRow[], s: RetentionSettings): RetentionRow[] {
  if (s.by === undefined) return triangle(rows, s);
  const shown = (r: DbRow) => num(r.c)! >= s.cohortMin && num(r.c)! <= s.cohortMax;
  const fold = foldRows(members.filter(shown), (r) => segmentLabel(r.seg), (r) => count(r.n), s.segments);
  const relabelled = fold.grouped ? rows.map((r) => (r.k === 's' || r.k === 'r' ? { ...r, seg: fold.label(segmentLabel(r.seg)) } : r)) : rows;
  return withGrouped(triangle(relabelled, s), fold.grouped);
}

export function triangle(rows: readonly Record<string, unknown>[], s: RetentionSettings): RetentionRow[] {
  const groups = new Map<string, Group>();
  const excluded = { noSignup: 0, noCustomer: 0 };
  const asOfIndex = s.bucket.index(s.asOf);
  const lastOffset = (c: number) => Math.min(asOfIndex - c, s.maxOffset);
  for (const r of rows) {
    // One row per engine's statement, or (compiled here) one per segment and churn period.
    if (r.k === 'ns') excluded.noSignup += count(r.n);
    if (r.k === 'nc') excluded.noCustomer = count(r.n);
    if (r.k !== 's' && r.k !== 'r') continue;
    const c = num(r.c)!;
    if (!(c >= s.cohortMin && c <= s.cohortMax)) continue;
    const label = s.by === undefined ? '' : segmentLabel(r.seg);
    const key = `${c}\u0000${label}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { c, label, size: 0, at: new Map() }));
    const n = count(r.n);
    if (r.k === 's') {
      g.size += n;
      if (s.mode !== 'subscription') continue;
      // Retained at offset k while index(churned_at) ≥ c + k + 1.
      const ci = num(r.x);
      const last = Math.min(lastOffset(c), ci === null ? Infinity : ci - c - 1);
      if (last >= 0) g.at.set(last, (g.at.get(last) ?? 0) + n);
    } else g.at.set(num(r.x)!, (g.at.get(num(r.x)!) ?? 0) + n);
  }
  const list = [...groups.values()];
  const labels = [...new Set(list.map((g) => g.label))];
  const rank = new Map(segmentOrder(labels, new Uint8Array(labels.length).fill(1)).map((code, i) => [labels[code], i]));
  list.sort((a, b) => a.c - b.c || rank.get(a.label)! - rank.get(b.label)!);
  const out: RetentionRow[] = [];
  for (const g of list) {
    const last = lastOffset(g.c);
    const retained = new Int32Array(last + 1);
    for (const [k, n] of g.at) if (k <= last) retained[k] += n;
    if (s.mode === 'subscription') for (let k = last - 1; k >= 0; k--) retained[k] += retained[k + 1];
    const head = { cohort: s.bucket.key(g.c), segment: s.by === undefined ? undefined : g.label, size: g.size, completeBelow: asOfIndex - g.c };
    pushCohort(out, head, retained, s);
  }
  return withExcluded(out, excluded);
}
