// survival and survivalSummary in SQL: customers counted per segment, whole-unit
// follow-up time and outcome (churned by asOf, or censored at it), plus the customers
// left out; the Kaplan–Meier product, Greenwood interval, median, log-rank test and
// small-cell hiding are the kernel's own (survivalRows, survivalSummaryOf).
import type { Row } from '../../data/schema.js';
import { survivalRows, survivalSummaryOf } from '../../metrics/survival.js';
import { checkSurvivalOptions, type SurvivalSettings } from '../../metrics/survival-options.js';
import { survivalGroups, type SurvivalExcluded } from '../../metrics/survival-times.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { inRange, segmentLabel, segmentSql, type MetricCompiler } from './common.js';

/** The segment's rows (seg, t, events, censored) and the exclusion counts, read alike by every dialect. */
export function survivalAnswer(metric: string, s: SurvivalSettings, [groups, [excluded]]: readonly DbRow[][]): Row[] {
  const counts = groups.map((r) => ({
    label: s.by === undefined ? undefined : segmentLabel(r.seg),
    time: num(r.t)!,
    events: count(r.events),
    censored: count(r.censored),
  }));
  const ex: SurvivalExcluded = { noSignup: count(excluded?.no_signup ?? 0), afterAsOf: count(excluded?.after_as_of ?? 0) };
  const segments = survivalGroups(counts);
  if (metric === 'survivalSummary') return [survivalSummaryOf(segments, ex, s)] as never;
  return survivalRows(segments, ex, s) as never;
}

export const compileSurvival: MetricCompiler = (c, options, fork) => {
  const s = checkSurvivalOptions(options, c.metric);
  c.require('customers');
  const joins: string[] = [];
  const seg = s.by === undefined ? 'NULL' : segmentSql(c, 'customers', 's', s.by, joins);
  const start = c.d.double('s.signup_at');
  const asOf = c.p.num(s.asOf);
  const churned = `(s.churned_at IS NOT NULL AND s.churned_at <= ${asOf})`;
  // Whole units, floored as the kernel floors them: the unit is a whole number of ms.
  const t = `floor((CASE WHEN ${churned} THEN ${c.d.double('s.churned_at')} ELSE ${asOf} END - ${start}) / ${c.p.num(s.unitMs)})`;
  const from = c.filtered('customers');
  const select = `SELECT ${seg} AS seg, ${t} AS t, count(*) FILTER (WHERE ${churned}) AS events, count(*) FILTER (WHERE NOT ${churned}) AS censored
FROM ${from} s ${joins.join(' ')}
WHERE s.signup_at <= ${asOf} AND ${inRange(c, 's.signup_at', s.from, s.to, 's.signup_at__ts')}
GROUP BY 1, 2`;
  // Its own compiler: a statement binds only the parameters it uses.
  const e = fork();
  const left = `SELECT count(*) FILTER (WHERE s.signup_at IS NULL) AS no_signup, count(*) FILTER (WHERE s.signup_at > ${e.p.num(s.asOf)}) AS after_as_of
FROM ${e.filtered('customers')} s`;
  return { statements: [c.statement(select), e.statement(left)], finish: (results) => survivalAnswer(c.metric, s, results) };
};
