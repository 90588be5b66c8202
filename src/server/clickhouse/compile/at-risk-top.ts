// atRisk's list cut at the source on ClickHouse 18.16, as compile/at-risk-top.ts does on
// the other engines, without window functions: one statement counts the whole list per
// sign (the totals), another returns its first `limit` rows, ordered by signs, value,
// silence ratio and id. Both read the candidates' readings, so the engine computes them
// twice; each answer is small. Among rows equal on every other key the id decides by
// bytes (UTF-8), the kernel by UTF-16 units: the two orders differ only between
// characters above U+E000 and those beyond U+FFFF, at the cut.
import type { AtRiskSettings } from '../../../metrics/at-risk-options.js';
import { DAY_MS } from '../../../time/civil.js';
import type { Reads } from '../../compile/at-risk.js';
import { int, num } from '../literal.js';

/** The readings with each sign's exact test as 0/1 (f_act, f_tk, f_nps), their sum n and the ratio (NULL where NaN). */
function flaggedSql(s: AtRiskSettings, read: Reads, readings: string): string {
  const days = `floor((${num(s.asOf)} - toFloat64(last)) / ${DAY_MS})`;
  const usual = `if(gaps % 2 = 1, toFloat64(lo), (toFloat64(lo) + toFloat64(hi)) / 2)`;
  const rhythm = `isNotNull(last) AND gaps >= ${int(s.minGaps)}`;
  const activity = read.activity ? `${rhythm} AND ${days} >= ${num(s.minQuietDays)} AND ${days} >= ${num(s.gapFactor)} * ${usual}` : '0';
  const tickets = read.tickets ? 'open > 0' : '0';
  const nps = read.nps ? 'score <= 6' : '0';
  const ratio = read.activity ? `if(${rhythm}, ${days} / ${usual}, NULL)` : 'CAST(NULL AS Nullable(Float64))';
  const f = (test: string) => `if(ifNull(${test}, 0), 1, 0)`;
  return `SELECT *, ${f(activity)} AS f_act, ${f(tickets)} AS f_tk, ${f(nps)} AS f_nps, f_act + f_tk + f_nps AS n, ${ratio} AS ratio FROM (${readings})
WHERE n >= ${int(s.minSignals)}`;
}

/**
 * The statements: the listed rows alone without a limit (the totals are then theirs),
 * else the first `limit` rows and the totals (one row).
 */
export function topStatements(s: AtRiskSettings, read: Reads, readings: string): string[] {
  const flagged = flaggedSql(s, read, readings);
  if (s.limit === Infinity) return [flagged];
  const totals = `SELECT count() AS t_all, sum(f_act) AS t_act, sum(f_tk) AS t_tk, sum(f_nps) AS t_nps FROM (${flagged})`;
  const order = ['n DESC', ...(s.value !== undefined ? ['val DESC NULLS LAST'] : []), 'ratio DESC NULLS LAST', 'id'];
  return [`${flagged}\nORDER BY ${order.join(', ')} LIMIT ${int(s.limit)}`, totals];
}
