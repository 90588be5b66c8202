// atRisk's list cut at the source: the readings of the candidates (compile/at-risk.ts)
// get the exact tests of atRiskRow's three signs, the rows that fire at least
// minSignals of them are counted per sign (the totals the widget's summary shows), and
// only the first `limit` of the ranking leave the database. 184,810 rows (28 MB of JSON)
// at 10M events become `limit` rows and four counts. The tests must be atRiskRow's to the
// last bit: days and gaps are doubles, the factor a double parameter, so `days ≥ factor ×
// usual` is the same IEEE product and comparison as in the kernel.
import type { AtRiskSettings } from '../../metrics/at-risk-options.js';
import type { AtRiskTotals } from '../../metrics/at-risk-rows.js';
import { DAY_MS } from '../../time/civil.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import { count } from '../sql.js';
import type { Reads } from './at-risk.js';

/** Each sign's exact test (SQL booleans over the readings `x`), and the silence ratio the ranking reads (NULL where NaN). */
interface Signs {
  activity: string;
  tickets: string;
  nps: string;
  ratio: string;
}

function signsSql(c: Compiler, s: AtRiskSettings, read: Reads): Signs {
  // Parameters only where used: a bound value the text does not name is an error.
  const quiet = read.activity ? activitySql(c, s) : { test: 'FALSE', ratio: c.d.double('NULL') };
  return { activity: quiet.test, tickets: read.tickets ? 'x.open > 0' : 'FALSE', nps: read.nps ? 'x.score <= 6' : 'FALSE', ratio: quiet.ratio };
}

/** The activity sign: at least minQuietDays and gapFactor × the usual gap since the last active day, with minGaps gaps of rhythm. */
function activitySql(c: Compiler, s: AtRiskSettings): { test: string; ratio: string } {
  const days = `floor((${c.p.num(s.asOf)} - ${c.d.double('x.last')}) / ${DAY_MS})`;
  const usual = `(CASE WHEN x.gaps % 2 = 1 THEN ${c.d.double('x.lo')} ELSE (${c.d.double('x.lo')} + ${c.d.double('x.hi')}) / 2 END)`;
  const rhythm = `x.last IS NOT NULL AND x.gaps >= ${c.p.num(s.minGaps)}`;
  return {
    test: `${rhythm} AND ${days} >= ${c.p.num(s.minQuietDays)} AND ${days} >= ${c.p.num(s.gapFactor)} * ${usual}`,
    ratio: `CASE WHEN ${rhythm} THEN ${days} / ${usual} END`,
  };
}

const flag = (test: string) => `CASE WHEN ${test} THEN 1 ELSE 0 END`;

/**
 * The listed customers' readings, each with the totals of the whole list (window sums,
 * before the cut), the first `limit` by rank: signs, value, ratio — ties on those all
 * kept (rank, not row_number), so the kernel's last key, the id in JavaScript's order,
 * decides among them whatever the database's collation.
 */
export function topSql(c: Compiler, s: AtRiskSettings, read: Reads, readings: string): string {
  const t = signsSql(c, s, read);
  const flagged = `SELECT x.*, ${flag(t.activity)} AS f_act, ${flag(t.tickets)} AS f_tk, ${flag(t.nps)} AS f_nps, ${t.ratio} AS ratio FROM (${readings}) x`;
  const order = ['y.f_act + y.f_tk + y.f_nps DESC', ...(s.value !== undefined ? ['y.val DESC NULLS LAST'] : []), 'y.ratio DESC NULLS LAST'];
  const place = s.limit < Infinity ? `, rank() OVER (ORDER BY ${order.join(', ')}) AS place` : '';
  const listed = `SELECT y.*, count(*) OVER () AS t_all, sum(y.f_act) OVER () AS t_act, sum(y.f_tk) OVER () AS t_tk, sum(y.f_nps) OVER () AS t_nps${place}
FROM (${flagged}) y WHERE y.f_act + y.f_tk + y.f_nps >= ${c.p.num(s.minSignals)}`;
  return s.limit < Infinity ? `SELECT * FROM (${listed}) z WHERE z.place <= ${c.p.num(s.limit)}` : listed;
}

/** The totals a statement counted (t_all, t_act, t_tk, t_nps: on every row, or on its one row); none listed when there is no row. */
export function totalsOf(row: DbRow | undefined): AtRiskTotals {
  if (!row) return { customers: 0, activity: 0, tickets: 0, nps: 0 };
  return { customers: count(row.t_all), activity: count(row.t_act), tickets: count(row.t_tk), nps: count(row.t_nps) };
}
