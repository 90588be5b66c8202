// survival and survivalSummary in ClickHouse: customers counted per segment, whole-unit
// follow-up time and outcome, and the customers left out; the Kaplan–Meier product,
// interval, median, log-rank test and hiding are the kernel's (compile/survival.ts reads
// the counts alike for every dialect).
import { checkSurvivalOptions } from '../../../metrics/survival-options.js';
import { survivalAnswer } from '../../compile/survival.js';
import { num } from '../literal.js';
import { inRange, segmented, type ChMetricCompiler } from './common.js';

export const compileSurvival: ChMetricCompiler = (c, options) => {
  const s = checkSurvivalOptions(options, c.metric);
  c.require('customers');
  const { rel, seg } = segmented(c, 'customers', s.by);
  const asOf = num(s.asOf);
  // Whole units, floored as the kernel floors them: the unit is a whole number of ms.
  const select = `SELECT seg, t, countIf(ev = 1) AS events, countIf(ev = 0) AS censored
FROM (SELECT ${seg} AS seg, ifNull(churned_at <= ${asOf}, 0) AS ev,
  floor((if(ev = 1, toFloat64(ifNull(churned_at, 0)), ${asOf}) - toFloat64(assumeNotNull(signup_at))) / ${num(s.unitMs)}) AS t
  FROM ${rel} WHERE ifNull(signup_at <= ${asOf}, 0) = 1 AND ${inRange('signup_at', s.from, s.to)})
GROUP BY seg, t`;
  const left = `SELECT countIf(isNull(signup_at)) AS no_signup, countIf(ifNull(signup_at > ${asOf}, 0) = 1) AS after_as_of FROM ${c.filtered('customers')}`;
  return { statements: [select, left], finish: (results) => survivalAnswer(c.metric, s, results) };
};
