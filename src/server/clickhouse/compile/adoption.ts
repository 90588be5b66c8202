// featureAdoption in ClickHouse: per period, segment and customer whether a counted
// event happened and which features were used; then the active customers per period
// and segment, and among them the users of each feature (ARRAY JOIN of the features a
// customer used), with, for paired comparisons (compare 'features'), those who used the
// first feature too. The rows are read by compile/adoption-read.ts, as for every dialect.
// Without `by`, or by a column of the activity itself, the counts are distinct counts in
// one level over the activity (c.scan), so each shard of a Distributed table aggregates
// its own rows (uniqExact states, merged by the initiator; when sharded by customer, each
// shard's final counts, added up: shards.ts): the users of a feature among the active
// customers, and of both features, by inclusion–exclusion of exact counts; or, where
// that needs many sets (flagsPay), per customer which conditions held, then countIf of
// the flags (two levels; the initiator merges the per-customer groups). Segments past
// maxSegments: "(others)" by more statements over their events (compile/fold-later.ts).
import { checkAdoptionOptions } from '../../../metrics/adoption.js';
import { adoptionFromGroups } from '../../compile/adoption-read.js';
import { str, strs } from '../literal.js';
import { ordinal, zoneLiteral } from '../time.js';
import type { AdoptionSettings } from '../../../metrics/adoption.js';
import type { DbRow } from '../../engine.js';
import { count } from '../../sql.js';
import type { ChCompiler } from '../context.js';
import { sumByKey } from '../shards.js';
import { valueOf } from '../values.js';
import { foldLater } from '../../compile/fold-later.js';
import { inRange, segmentRows, segmented, type ChCompiled, type ChMetricCompiler } from './common.js';
import { adoptionWeights } from './weigh.js';

const NO_SEGMENT = 'CAST(NULL AS Nullable(String))';

/** The counts on the shards: per period and segment, the active customers, and among them each feature's users (and the first's too). */
function onShards(c: ChCompiler, o: AdoptionSettings, kept?: readonly string[]): ChCompiled | undefined {
  const own = o.by === undefined || c.column('activity', o.by) !== undefined;
  const scan = own ? c.scan('activity') : undefined;
  if (!scan) return undefined;
  const col = scan.col;
  const { seg, rows: folded } =
    o.by === undefined
      ? { seg: NO_SEGMENT, rows: '1' }
      : segmentRows(valueOf(c, c.column('activity', o.by, true)!, o.by, 'by'), kept);
  const p = ordinal(o.buckets.period, col('at__ts'), zoneLiteral(o.buckets.timeZone));
  const cu = col('customer_id');
  const isIn = (names: readonly string[]) => `ifNull(${col('event')} IN ${strs(names)}, 0)`;
  const A = o.active === undefined ? undefined : isIn(o.active);
  const features = [...new Set(o.features)];
  const F = features.map((f) => isIn([f]));
  const where = `${scan.where} AND NOT ignore(${p} AS p, ${seg} AS seg) AND ${inRange(col('at'), o.range.from, o.range.to)}${kept ? ` AND ${folded}` : ''}`;
  const paired = o.compare === 'features';
  const { statement, read } = (flagsPay(A, paired) ? flagsForm : setsForm)(scan.from, where, cu, A, F, paired);
  return {
    statements: [c.perShard(statement)],
    finish([perShard]) {
      const rows = sumByKey(perShard, ['p', 'seg'], c.colocated);
      const featureRows: DbRow[] = [];
      for (const r of rows)
        features.forEach((e, i) => {
          const { n, w } = read(r, i);
          featureRows.push({ p: r.p, seg: r.seg, e, n, w });
        });
      return adoptionFromGroups(o, rows, featureRows);
    },
  };
}

/** A form of the statement: its text, and per row and feature the users among the active (n) and of the first feature too (w). */
interface Form {
  statement: string;
  read(r: DbRow, i: number): { n: number; w: number };
}

/**
 * Whether the two-level form is the cheaper: with active events and paired comparisons,
 * where the sets form counts 4k − 1 sets, most of them unions as large as the active
 * customers (measured at 10M events on two shards, bench/RESULTS.md "h19fa": CPU ×0.8–0.9
 * with 7 sets, month or quarter, either sharding). With up to 5 sets the flags form cost
 * 1.2–2.4× the sets' (its per-customer groups outweigh a few hash sets).
 */
function flagsPay(A: string | undefined, paired: boolean): boolean {
  return A !== undefined && paired;
}

/**
 * One level: per period and segment, the distinct customers of each condition and of
 * unions of them (uniqExactIf), intersections by inclusion–exclusion.
 */
function setsForm(from: string, where: string, cu: string, A: string | undefined, F: string[], paired: boolean): Form {
  // Distinct customers meeting any of the conditions (a union; undefined: every row).
  const uniq = (...any: (string | undefined)[]) =>
    any.some((x) => x === undefined)
      ? `uniqExact(${cu})`
      : `uniqExactIf(${cu}, ${any.join(' OR ')})`;
  const items = [`${uniq(A)} AS n`];
  F.forEach((_, i) => {
    items.push(`${uniq(F[i])} AS f${i}`);
    if (A) items.push(`${uniq(A, F[i])} AS af${i}`);
    if (paired && i > 0) {
      items.push(`${uniq(F[i], F[0])} AS ff${i}`);
      if (A) items.push(`${uniq(A, F[i], F[0])} AS aff${i}`);
    }
  });
  if (A) items.push(`${uniq(A, F[0])} AS af0`);
  return {
    statement: `SELECT p, seg, ${[...new Set(items)].join(', ')} FROM ${from} WHERE ${where} GROUP BY p, seg HAVING n > 0`,
    read(r, i) {
      const a = count(r.n);
      const fi = count(r[`f${i}`]);
      // |A ∩ F|: F itself when every event counts as activity (then A ⊇ F).
      const n = A ? a + fi - count(r[`af${i}`]) : fi;
      if (!paired || i === 0) return { n, w: 0 };
      const f0 = count(r.f0);
      const w = A
        ? a + fi + f0 - count(r[`af${i}`]) - count(r.af0) - count(r[`ff${i}`]) + count(r[`aff${i}`])
        : fi + f0 - count(r[`ff${i}`]);
      return { n, w };
    },
  };
}

/**
 * Two levels: per period, segment and customer whether each condition held (max), then
 * per period and segment the customers with the wanted flags (countIf). Customers are
 * grouped by the SipHash128 of their id, the key uniqExact keeps of a string: as exact as
 * the sets form, and a fixed-size key (cheaper to group than the string).
 */
function flagsForm(from: string, where: string, cu: string, A: string | undefined, F: string[], paired: boolean): Form {
  const flags = [`${A === undefined ? '1' : `max(${A})`} AS a`, ...F.map((f, i) => `max(${f}) AS f${i}`)];
  const items = ['countIf(a) AS n', ...F.map((_, i) => `countIf(a AND f${i}) AS af${i}`)];
  if (paired) F.forEach((_, i) => i > 0 && items.push(`countIf(a AND f${i} AND f0) AS aff${i}`));
  return {
    statement: `SELECT p, seg, ${items.join(', ')} FROM (SELECT p, seg, ${flags.join(', ')} FROM ${from} WHERE ${where} GROUP BY p, seg, sipHash128(${cu})) GROUP BY p, seg HAVING n > 0`,
    read: (r, i) => ({ n: count(r[`af${i}`]), w: paired && i > 0 ? count(r[`aff${i}`]) : 0 }),
  };
}

export const compileAdoption: ChMetricCompiler = (c, options) => {
  const o = checkAdoptionOptions(options);
  c.require('activity');
  const first = adoptionStatements(c, o);
  if (o.by === undefined) return first;
  return foldLater(first, { limit: o.segments, weigh: () => adoptionWeights(c, o), others: (kept) => adoptionStatements(c, o, kept).statements });
};

/** The counts per period and segment; with `kept`, of the "(others)" segment alone (fold-later.ts). */
function adoptionStatements(c: ChCompiler, o: AdoptionSettings, kept?: readonly string[]): ChCompiled {
  const shards = onShards(c, o, kept);
  if (shards) return shards;
  const { rel, seg, rows } = segmented(c, 'activity', o.by, kept);
  const p = ordinal(o.buckets.period, 'at__ts', zoneLiteral(o.buckets.timeZone));
  const counted = o.active === undefined ? '1' : `ifNull(event IN ${strs(o.active)}, 0)`;
  const feature = `ifNull(event IN ${strs(o.features)}, 0)`;
  const perCustomer = `(SELECT p, seg, max(counted) AS active, groupUniqArrayIf(e, feature) AS fs
  FROM (SELECT ${p} AS p, ${seg} AS seg, customer_id AS cu, assumeNotNull(event) AS e, ${counted} AS counted, ${feature} AS feature
    FROM ${rel} WHERE ${inRange('at', o.range.from, o.range.to)}${kept ? ` AND ${rows}` : ''})
  GROUP BY p, seg, cu)`;
  // Paired comparisons: users of each later feature who used the first one too.
  const first = str(o.features[0]);
  const withFirst = o.compare === 'features' ? `countIf(has(fs, ${first}) AND e != ${first})` : '0';
  return {
    statements: [
      `SELECT p, seg, count() AS n FROM ${perCustomer} WHERE active = 1 GROUP BY p, seg`,
      `SELECT p, seg, e, count() AS n, ${withFirst} AS w FROM ${perCustomer} ARRAY JOIN fs AS e WHERE active = 1 GROUP BY p, seg, e`,
    ],
    finish([active, features]) {
      return adoptionFromGroups(o, active, features);
    },
  };
}
