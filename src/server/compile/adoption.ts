// featureAdoption in SQL: one pass groups the events in range by period, segment and
// customer, with a flag per feature (and whether the customer was active); a second
// counts the flags per period and segment. The rows are read by adoption-read.ts (as
// for every dialect), the rows, suppression and p-values featureAdoption's own.
// Why flags: DISTINCT (period, segment, feature, customer) twice plus a self-join for
// the paired comparison built and probed three hash tables of millions of keys; one
// GROUP BY with bool_or builds one. Over a bounded range of at most 62 periods, the
// customer is grouped once for all of them, each period a bit of a BIGINT (bit_or),
// and the bits are counted per period: a tenth of the groups again. Segments past
// maxSegments: "(others)" by a second statement over their events (fold-later.ts).
import { checkAdoptionOptions, type AdoptionSettings } from '../../metrics/adoption.js';
import { lastPeriodBefore } from '../../metrics/grid.js';
import type { Compiler } from '../context.js';
import type { DbRow } from '../engine.js';
import type { BoundStatement } from '../sql.js';
import { ordinal, zoneParam } from '../time.js';
import { adoptionFromGroups } from './adoption-read.js';
import { inRange, segmentRows, type Compiled, type MetricCompiler } from './common.js';
import { foldLater } from './fold-later.js';
import { adoptionWeights } from './weigh.js';

export const compileAdoption: MetricCompiler = (c, options, fork) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const F = o.features.length;
  const first: Compiled = {
    statements: [adoptionStatement(c, o)],
    finish([result]) {
      const features: DbRow[] = [];
      for (const r of result) {
        for (let i = 0; i < F; i++) features.push({ p: r.p, seg: r.seg, e: o.features[i], n: r[`n${i}`], w: i > 0 ? r[`w${i}`] : undefined });
      }
      return adoptionFromGroups(o, result, features) as never;
    },
  };
  if (o.by === undefined) return first;
  return foldLater(first, { limit: o.segments, weigh: () => adoptionWeights(fork(), o), others: (kept) => [adoptionStatement(fork(), o, kept)] });
};

/** Active customers and each feature's users per period and segment; with `kept`, the "(others)" segment alone (fold-later.ts). */
function adoptionStatement(c: Compiler, o: AdoptionSettings, kept?: readonly string[]): BoundStatement {
  const joins: string[] = [];
  const { seg, rows } = o.by === undefined ? { seg: 'NULL', rows: 'TRUE' } : segmentRows(c, 'activity', 's', o.by, joins, kept);
  const p = ordinal(c, o.buckets.period, 's.at__ts', zoneParam(c, o.buckets.timeZone));
  const counted = o.active === undefined ? 'TRUE' : c.d.inList('s.event', c.p.texts(o.active));
  // With activeEvents, other events change no count: left out before grouping.
  const only = o.active === undefined ? '' : ` AND ${c.d.inList('s.event', c.p.texts([...o.active, ...o.features]))}`;
  const from = `FROM ${c.filtered('activity')} s ${joins.join(' ')} WHERE ${inRange(c, 's.at', o.range.from, o.range.to, 's.at__ts')}${only}${kept ? ` AND ${rows}` : ''}`;
  const span = o.range.from > -Infinity && o.range.to < Infinity ? { lo: o.buckets.index(o.range.from), hi: lastPeriodBefore(o.buckets, o.range.to) } : undefined;
  const bits = span !== undefined && span.hi >= span.lo && span.hi - span.lo < 62;
  // Active customers who have each of the flags (bits: in period i).
  const all = (...flags: string[]) => (bits ? `((${['a', ...flags].join(' & ')}) >> i) & 1 = 1` : ['a', ...flags].join(' AND '));
  const counts = o.features.map((_, i) => `count(*) FILTER (WHERE ${all(`f${i}`)}) AS n${i}`);
  // Paired: the users of feature i who used the first feature too.
  if (o.compare === 'features') counts.push(...o.features.slice(1).map((_, j) => `count(*) FILTER (WHERE ${all(`f${j + 1}`, 'f0')}) AS w${j + 1}`));
  const parts = { p, seg, counted, from, features: o.features, counts };
  return c.statement(bits ? bitSelect(c, { ...parts, lo: span.lo, periods: span.hi - span.lo + 1 }, all()) : flagSelect(c, parts, all()));
}

interface Parts {
  /** The period ordinal, segment and "counts as active" of a row `s`. */
  p: string;
  seg: string;
  counted: string;
  /** FROM … WHERE …: the rows in range. */
  from: string;
  features: readonly string[];
  /** The counts per period and segment, over a, f0 … f{F-1} (and `i`, the period's bit). */
  counts: string[];
}

/** Customer × period: active (a) and used feature i (f{i}), as flags; then counted per period and segment. */
function flagSelect(c: Compiler, x: Parts, active: string): string {
  const flags = x.features.map((f, i) => `bool_or(s.event = ${c.p.text(f)}) AS f${i}`);
  c.define('cu', `SELECT ${x.p} AS p, ${x.seg} AS seg, bool_or(${x.counted}) AS a, ${flags.join(', ')}\n  ${x.from}\n  GROUP BY 1, 2, s.customer_id`);
  return `SELECT p, seg, count(*) FILTER (WHERE ${active}) AS n, ${x.counts.join(', ')} FROM cu GROUP BY p, seg HAVING count(*) FILTER (WHERE ${active}) > 0`;
}

/**
 * Customer: the periods (lo + i) it was active in (a) and used feature i in (f{i}), as
 * the bits i of BIGINTs; then each period's bit counted per segment.
 */
function bitSelect(c: Compiler, x: Parts & { lo: number; periods: number }, active: string): string {
  const bit = `CAST(1 AS BIGINT) << CAST(${x.p} - CAST(${c.p.num(x.lo)} AS BIGINT) AS INTEGER)`;
  // The bit once per row (a period in a zone is not cheap), then one mask per flag.
  const mask = (when: string) => `bit_or(CASE WHEN ${when} THEN b ELSE 0 END)`;
  const masks = x.features.map((f, i) => `${mask(`e = ${c.p.text(f)}`)} AS f${i}`);
  c.define(
    'cu',
    `SELECT seg, ${mask('counted')} AS a, ${masks.join(', ')}
  FROM (SELECT ${x.seg} AS seg, s.customer_id AS cu, s.event AS e, ${x.counted} AS counted, ${bit} AS b ${x.from}) x
  GROUP BY seg, cu`,
  );
  const periods = Array.from({ length: x.periods }, (_, i) => `(${i})`).join(', ');
  return `SELECT CAST(${c.p.num(x.lo)} AS BIGINT) + i AS p, seg, count(*) FILTER (WHERE ${active}) AS n, ${x.counts.join(', ')}
FROM cu CROSS JOIN (VALUES ${periods}) r(i) GROUP BY i, seg HAVING count(*) FILTER (WHERE ${active}) > 0`;
}
