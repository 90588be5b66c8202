// retention in ClickHouse: members (customers by signup, or activity customers by their
// first counted event) with their cohort, segment and churn period, counted per cohort,
// segment and churn period (subscription) or per offset with distinct members active
// (activity), and the rows left out; the triangle is compile/retention.ts's (the
// kernel's pushCohort). One statement per part: 18.16 has no WITH of subqueries.
import { NONE } from '../../../metrics/input.js';
import { retentionSettings, type RetentionSettings } from '../../../metrics/retention-options.js';
import { triangle } from '../../compile/retention.js';
import type { ChCompiler } from '../context.js';
import { num } from '../../sql.js';
import { str, strs } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import {
  labelled,
  refuseFolding,
  segmentLabel,
  segmented,
  segmentValue,
  type ChMetricCompiler,
} from './common.js';

interface Parts {
  /** Members: id, c (cohort ordinal), seg, and ci (churn period ordinal) in subscription mode. */
  readonly members: string;
  /** Statements of the rows left out, each with its kind ('ns' no signup, 'nc' no customer). */
  readonly excluded: [string, string][];
}

/** The first-activity segment: the first value in segment order among the rows at the first instant, "(none)" last. */
function firstSegment(
  c: ChCompiler,
  s: RetentionSettings,
): { rel: string; item: string; seg: string } {
  if (s.by === undefined)
    return { rel: c.filtered('activity'), item: '', seg: 'CAST(NULL AS Nullable(String))' };
  const { rel, value } = segmentValue(c, 'activity', s.by);
  const v =
    value.mode === 'text'
      ? `if(${value.sql} = ${str(NONE)}, CAST(NULL AS Nullable(String)), ${value.sql})`
      : value.sql;
  const fill = value.mode === 'text' ? "''" : '0';
  const pair = `tuple(isNull(${v}), ifNull(${v}, ${fill}))`;
  const item = `, argMin(${pair}, tuple(assumeNotNull(at), isNull(${v}), ifNull(${v}, ${fill}))) AS sv`;
  const seg = labelled({
    sql: `if(tupleElement(sv, 1) = 1, NULL, tupleElement(sv, 2))`,
    mode: value.mode,
  });
  return { rel, item, seg };
}

function parts(c: ChCompiler, s: RetentionSettings, counted: string): Parts {
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
      excluded.push([
        'nc',
        `SELECT uniqExact(customer_id) AS n FROM ${c.filtered('activity')} WHERE ${counted} AND customer_id GLOBAL NOT IN (SELECT customer_id FROM ${c.filtered('customers')})`,
      ]);
    }
    return { members, excluded };
  }
  c.require('activity');
  if (sub) c.require('customers');
  const first = firstSegment(c, s);
  const fa = `(SELECT customer_id AS id, min(at__ts) AS t0ts${first.item} FROM ${first.rel} WHERE ${counted} GROUP BY customer_id)`;
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

export const compileRetention: ChMetricCompiler = (c, options) => {
  const s = retentionSettings(options);
  const counted = s.events === undefined ? '1' : `ifNull(event IN ${strs(s.events)}, 0)`;
  const { members, excluded } = parts(c, s, counted);
  const sub = s.mode === 'subscription';
  const statements: [string, string][] = [
    [
      's',
      `SELECT c, seg, ${sub ? 'ci' : 'NULL'} AS x, count() AS n FROM ${members} GROUP BY c, seg${sub ? ', ci' : ''}`,
    ],
  ];
  if (!sub) {
    const tz = zoneLiteral(s.bucket.timeZone);
    const active = `(SELECT customer_id AS id, ${ordinal(s.bucket.period, 'at__ts', tz)} AS pa FROM ${c.filtered('activity')} WHERE ${counted})`;
    statements.push([
      'r',
      `SELECT c, seg, pa - c AS x, uniqExact(id) AS n FROM ${active} ANY INNER JOIN ${members} USING id WHERE pa - c >= 0 GROUP BY c, seg, x`,
    ]);
  }
  statements.push(...excluded);
  return {
    statements: statements.map(([, text]) => text),
    finish(results) {
      const rows = results.flatMap((list, i) => list.map((r) => ({ ...r, k: statements[i][0] })));
      if (s.by !== undefined) {
        // The members' groups ('s', the first statement) of the cohorts shown.
        const shown = results[0].filter(
          (r) => num(r.c)! >= s.cohortMin && num(r.c)! <= s.cohortMax,
        );
        refuseFolding(
          c,
          shown.map((r) => segmentLabel(r.seg)),
          s.segments,
        );
      }
      return triangle(rows, s) as never;
    },
  };
};
