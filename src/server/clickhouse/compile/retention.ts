// retention in ClickHouse: members (customers by signup, or activity customers by their
// first counted event) with their cohort, segment and churn period, counted per cohort,
// segment and churn period (subscription) or per offset with distinct members active
// (activity), and the rows left out; the triangle is compile/retention.ts's (the
// kernel's pushCohort). One statement per part: 18.16 has no WITH of subqueries.
import { NONE } from '../../../metrics/input.js';
import { retentionSettings, type RetentionSettings } from '../../../metrics/retention-options.js';
import { foldedTriangle } from '../../compile/retention.js';
import type { DbRow } from '../../engine.js';
import { num } from '../../sql.js';
import type { ChCompiler } from '../context.js';
import { str, strs } from '../literal.js';
import { sumByKey } from '../shards.js';
import { ordinal, zoneLiteral } from '../time.js';
import { valueOf, type ChValue } from '../values.js';
import {
  labelled,
  segmented,
  segmentValue,
  type ChMetricCompiler,
} from './common.js';

const NO_SEGMENT = 'CAST(NULL AS Nullable(String))';

interface Parts {
  /** Members: id, c (cohort ordinal), seg, and ci (churn period ordinal) in subscription mode. */
  readonly members: string;
  /** Statements of the rows left out, each with its kind ('ns' no signup, 'nc' no customer). */
  readonly excluded: [string, string][];
}

/** The first-activity segment: the first value in segment order among the rows at the first instant, "(none)" last. */
function firstSegment(
  value: ChValue,
  at: string,
): { item: string; seg: string } {
  const v =
    value.mode === 'text'
      ? `if(${value.sql} = ${str(NONE)}, CAST(NULL AS Nullable(String)), ${value.sql})`
      : value.sql;
  const fill = value.mode === 'text' ? "''" : '0';
  const pair = `tuple(isNull(${v}), ifNull(${v}, ${fill}))`;
  const item = `, argMin(${pair}, tuple(assumeNotNull(${at}), isNull(${v}), ifNull(${v}, ${fill}))) AS sv`;
  const seg = labelled({
    sql: `if(tupleElement(sv, 1) = 1, NULL, tupleElement(sv, 2))`,
    mode: value.mode,
  });
  return { item, seg };
}

/**
 * Each member's first counted event (id, t0ts, and sv, its segment value, with `by`) and
 * the segment expression over it. Without `by`, or by an activity column, in one level
 * over the activity (c.scan), so that the shards group their own rows and send one
 * partial row per customer, not every row (sharded by customer: each shard's final rows).
 */
function firstActivity(
  c: ChCompiler,
  s: RetentionSettings,
  counted: Counted,
): { fa: string; seg: string } {
  const own = s.by === undefined || c.column('activity', s.by) !== undefined;
  const scan = own ? c.scan('activity')! : undefined;
  if (scan) {
    const col = scan.col;
    const first =
      s.by === undefined
        ? { item: '', seg: NO_SEGMENT }
        : firstSegment(valueOf(c, c.column('activity', s.by, true)!, s.by, 'by'), col('at'));
    const grouped = `SELECT ${col('customer_id')} AS r__id, min(${col('at__ts')}) AS r__t0${first.item.replace(' AS sv', ' AS r__sv')} FROM ${scan.from} WHERE ${scan.where} AND ${counted(col('event'))} GROUP BY r__id`;
    const sv = first.item ? ', r__sv AS sv' : '';
    return { fa: `(SELECT r__id AS id, r__t0 AS t0ts${sv} FROM (${grouped}))`, seg: first.seg };
  }
  const { rel, value } = segmentValue(c, 'activity', s.by!);
  const first = firstSegment(value, 'at');
  const fa = `(SELECT customer_id AS id, min(at__ts) AS t0ts${first.item} FROM ${rel} WHERE ${counted('event')} GROUP BY customer_id)`;
  return { fa, seg: first.seg };
}

/** Whether an event (an expression) counts as activity. */
type Counted = (event: string) => string;

function parts(c: ChCompiler, s: RetentionSettings, counted: Counted): Parts {
  const tz = zoneLiteral(s.bucket.timeZone);
  const ord = (ts: string) => ordinal(s.bucket.period, ts, tz);
  const sub = s.mode === 'subscription';
  if (s.cohortBy === 'signup') {
    c.require('customers');
    const { rel, seg } = segmented(c, 'customers', s.by);
    const churn = sub ? `, ${ord('churned_at__ts')} AS ci` : '';
    const members = `(SELECT customer_id AS id, ${ord('signup_at__ts')} AS c, ${seg} AS seg${churn} FROM ${rel} WHERE isNotNull(signup_at))`;
    const excluded: [string, string][] = [
      ['ns', `SELECT count() AS n FROM ${c.filtered('customers')} WHERE isNull(signup_at)`],
    ];
    if (!sub) {
      // On the shards (one level over the activity); sharded by customer, each shard's count is final.
      const { from, where, col } = c.scan('activity')!;
      const id = col('customer_id');
      excluded.push([
        'nc',
        c.perShard(
          `SELECT uniqExact(${id}) AS n FROM ${from} WHERE ${where} AND ${counted(col('event'))} AND ${id} ${c.global}NOT IN (SELECT customer_id FROM ${c.filtered('customers')})`,
        ),
      ]);
    }
    return { members, excluded };
  }
  c.require('activity');
  if (sub) c.require('customers');
  const first = firstActivity(c, s, counted);
  const fa = first.fa;
  const perMember = `SELECT id, ${ord('t0ts')} AS c, ${first.seg} AS seg`;
  if (!sub) return { members: `(${perMember} FROM ${fa})`, excluded: [] };
  const customers = `(SELECT customer_id AS id, churned_at__ts AS ch FROM ${c.filtered('customers')})`;
  return {
    members: `(${perMember}, ${ord('ch')} AS ci FROM ${fa} ANY INNER JOIN ${customers} USING id)`,
    excluded: [
      [
        'nc',
        `SELECT count() AS n FROM ${fa} WHERE id GLOBAL NOT IN (SELECT customer_id FROM ${c.filtered('customers')})`,
      ],
    ],
  };
}

/**
 * Distinct members active per cohort, segment and offset, in one level over the activity
 * joined to the members (sent to every shard, or each shard's own when sharded by
 * customer): the shards count their own rows (names r__… are no host column's).
 */
function activeMembers(c: ChCompiler, s: RetentionSettings, counted: Counted, members: string) {
  const { from, where, col } = c.scan('activity')!;
  const pa = ordinal(s.bucket.period, col('at__ts'), zoneLiteral(s.bucket.timeZone));
  const right = `(SELECT id AS r__id, c AS r__c, seg AS r__seg FROM ${members})`;
  return `SELECT r__c AS c, r__seg AS seg, r__pa - r__c AS x, uniqExact(r__id) AS n
FROM ${from} ${c.global}ANY INNER JOIN ${right} USING r__id
WHERE ${where} AND ${counted(col('event'))} AND NOT ignore(${col('customer_id')} AS r__id, ${pa} AS r__pa) AND x >= 0
GROUP BY c, seg, x`;
}

export const compileRetention: ChMetricCompiler = (c, options) => {
  const s = retentionSettings(options);
  const counted: Counted = (event) =>
    s.events === undefined ? '1' : `ifNull(${event} IN ${strs(s.events)}, 0)`;
  const { members, excluded } = parts(c, s, counted);
  const sub = s.mode === 'subscription';
  // Cohorts by first activity, activity mode: every member is active at offset 0 (its
  // first counted event is in its cohort's period), so the members of a cohort are its
  // active members at offset 0 — counted by the 'r' statement, without grouping them apart.
  const derived = !sub && s.cohortBy === 'first-activity';
  const statements: [string, string][] = derived
    ? []
    : [
        [
          's',
          `SELECT c, seg, ${sub ? 'ci' : 'NULL'} AS x, count() AS n FROM ${members} GROUP BY c, seg${sub ? ', ci' : ''}`,
        ],
      ];
  if (!sub) statements.push(['r', c.perShard(activeMembers(c, s, counted, members))]);
  statements.push(...excluded);
  return {
    statements: statements.map(([, text]) => text),
    finish(results) {
      // Sharded by customer, the shards' counts of members left out add up (one row each).
      const rows: DbRow[] = results.flatMap((list, i) => {
        const k = statements[i][0];
        const one = k === 'nc' || k === 'ns' ? sumByKey(list, [], c.colocated) : list;
        return one.map((r) => ({ ...r, k }));
      });
      const sizes: DbRow[] = derived
        ? rows.filter((r) => r.k === 'r' && num(r.x) === 0).map((r) => ({ ...r, k: 's', x: null }))
        : rows.filter((r) => r.k === 's');
      if (derived) rows.push(...sizes);
      // The members' groups weigh the segments.
      return foldedTriangle(rows, sizes, s) as never;
    },
  };
};
