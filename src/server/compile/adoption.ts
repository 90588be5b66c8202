// featureAdoption in SQL: one pass groups the events in range by period, segment and
// customer, with a flag per feature (and whether the customer was active); a second
// counts the flags per period and segment. The rows are read by adoption-read.ts (as
// for every dialect), the rows, suppression and p-values featureAdoption's own.
// Why flags: DISTINCT (period, segment, feature, customer) twice plus a self-join for
// the paired comparison built and probed three hash tables of millions of keys; one
// GROUP BY with bool_or builds one (the same answer, 3–10× faster on DuckDB).
import { checkAdoptionOptions } from '../../metrics/adoption.js';
import type { DbRow } from '../engine.js';
import { ordinal, zoneParam } from '../time.js';
import { adoptionFromGroups } from './adoption-read.js';
import { inRange, segmentSql, type MetricCompiler } from './common.js';

export const compileAdoption: MetricCompiler = (c, options) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const joins: string[] = [];
  const seg = o.by === undefined ? 'NULL' : segmentSql(c, 'activity', 's', o.by, joins);
  const p = ordinal(c, o.buckets.period, 's.at__ts', zoneParam(c, o.buckets.timeZone));
  const counted = o.active === undefined ? 'TRUE' : c.d.inList('s.event', c.p.texts(o.active));
  const F = o.features.length;
  // Customer × period: active, and used feature i (f0 … f{F-1}).
  const flags = o.features.map((f, i) => `bool_or(s.event = ${c.p.text(f)}) AS f${i}`);
  const rows = c.filtered('activity');
  // With activeEvents, other events change no count: left out before grouping.
  const only = o.active === undefined ? '' : ` AND ${c.d.inList('s.event', c.p.texts([...o.active, ...o.features]))}`;
  c.define(
    'cu',
    `SELECT ${p} AS p, ${seg} AS seg, bool_or(${counted}) AS a, ${flags.join(', ')}
  FROM ${rows} s ${joins.join(' ')} WHERE ${inRange(c, 's.at', o.range.from, o.range.to, 's.at__ts')}${only}
  GROUP BY 1, 2, s.customer_id`,
  );
  // A feature's users among the active; paired: those of them who used the first feature too.
  const users = o.features.map((_, i) => `count(*) FILTER (WHERE a AND f${i}) AS n${i}`);
  const paired = o.compare === 'features' ? o.features.slice(1).map((_, j) => `count(*) FILTER (WHERE a AND f${j + 1} AND f0) AS w${j + 1}`) : [];
  const select = `SELECT p, seg, count(*) FILTER (WHERE a) AS n, ${[...users, ...paired].join(', ')} FROM cu GROUP BY p, seg HAVING count(*) FILTER (WHERE a) > 0`;
  return {
    statements: [c.statement(select)],
    finish([result]) {
      const features: DbRow[] = [];
      for (const r of result) {
        for (let i = 0; i < F; i++) features.push({ p: r.p, seg: r.seg, e: o.features[i], n: r[`n${i}`], w: i > 0 ? r[`w${i}`] : undefined });
      }
      return adoptionFromGroups(c, o, result, features) as never;
    },
  };
};
