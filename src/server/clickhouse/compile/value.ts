// valueConcentration and paretoCurve in ClickHouse (18.16: no window functions): each
// segment's values gathered in an array and sorted, highest first; the sums topShare and
// Gini divide, and for the curve the running sums (arrayCumSum) at only the ranks the
// curve shows. Sums run in the kernel's order (ascending for the total, descending for
// the others). Suppression and shares are the kernel's (compile/value.ts reads the rows).
import { checkValueOptions, concentrationRows, TOP_EPSILON, type ValueSettings } from '../../../metrics/value.js';
import { paretoAnswer, valueSegments } from '../../compile/value.js';
import type { ChCompiler } from '../context.js';
import { num } from '../literal.js';
import { valueOf } from '../values.js';
import { segmented, type ChMetricCompiler } from './common.js';

/** Per segment: its counted values highest first (d), their number (n), and the customers left out. */
function sorted(c: ChCompiler, s: ValueSettings): string {
  const ref = c.column('customers', s.value);
  if (!ref) throw new RangeError(`${c.metric}: value '${s.value}' is not a column of the customers table`);
  const v = valueOf(c, ref, s.value, 'value');
  if (v.mode !== 'num') c.refuse('value', `column '${s.value}' is not numeric`);
  const { rel, seg } = segmented(c, 'customers', s.by);
  const asOf =
    s.asOf === undefined ? '1' : `ifNull(signup_at <= ${num(s.asOf)}, 1) = 1 AND ifNull(churned_at > ${num(s.asOf)}, 1) = 1`;
  const rows = `SELECT ${seg} AS seg, toFloat64(${v.sql}) AS x, ifNull(x >= 0, 0) AS ok FROM ${rel} WHERE ${asOf}`;
  return `(SELECT seg, arrayReverseSort(groupArrayIf(ifNull(x, 0), ok = 1)) AS d, length(d) AS n, countIf(ok = 0) AS excluded FROM (${rows}) GROUP BY seg)`;
}

/** The ranks the curve shows (rank = round(p · n / steps) for some p): all when points ≥ n + 1. */
function shownRank(points: number): string {
  if (!Number.isFinite(points)) return '1';
  const steps = num(points - 1);
  const round = (x: string) => `floor(${x} + 0.5)`;
  const p = round(`toFloat64(rk) * ${steps} / n`);
  const hit = (q: string) => `${round(`(${q}) * n / ${steps}`)} = rk`;
  return `(n <= ${steps} OR ${hit(p)} OR ${hit(`${p} - 1`)} OR ${hit(`${p} + 1`)})`;
}

export const compileValue: ChMetricCompiler = (c, options) => {
  const s = checkValueOptions(options, c.metric);
  c.require('customers');
  const from = sorted(c, s);
  const k = `toUInt64(ceil(toFloat64(n) * ${num(s.top)} - ${num(TOP_EPSILON)}))`;
  const segments = `SELECT seg, n, arraySum(arraySort(d)) AS total, arraySum(arraySlice(d, 1, ${k})) AS top_sum,
  arraySum(arrayMap((x, i) -> (toFloat64(n) - 2 * toFloat64(i) + 1) * x, d, arrayEnumerate(d))) AS gini_sum, excluded
FROM ${from}`;
  if (c.metric === 'valueConcentration') {
    return { statements: [segments], finish: ([rows]) => concentrationRows(valueSegments(rows, s.by), s.minCellSize) as never };
  }
  const sums = `SELECT seg, rk, cum FROM (SELECT seg, n, arrayCumSum(d) AS cums, arrayEnumerate(d) AS ranks FROM ${from})
ARRAY JOIN cums AS cum, ranks AS rk WHERE ${shownRank(s.points)}`;
  return { statements: [segments, sums], finish: ([rows, cums]) => paretoAnswer(valueSegments(rows, s.by), cums, s) };
};
