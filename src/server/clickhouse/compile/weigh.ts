// The weight of each segment as the kernel weighs it before folding into "(others)"
// (compile/fold-later.ts; what compile/weigh.ts counts for the other engines), one
// grouped count (seg, w), run only when folding may be needed. By a column of the
// activity itself, in one level over it (c.scan): each shard counts its own rows.
import type { AdoptionSettings } from '../../../metrics/adoption.js';
import type { FunnelSettings } from '../../../metrics/funnel.js';
import { planOf } from '../../compile/funnel.js';
import type { ChCompiler } from '../context.js';
import { strs } from '../literal.js';
import { valueOf } from '../values.js';
import { inRange, labelled, segmented } from './common.js';

/** (seg, w): the activity rows per segment that `where` keeps (over columns read by `col`). */
function weights(c: ChCompiler, by: string, where: (col: (name: string) => string) => string): string {
  const scan = c.column('activity', by) !== undefined ? c.scan('activity') : undefined;
  if (scan) {
    const seg = labelled(valueOf(c, c.column('activity', by, true)!, by, 'by'));
    return `SELECT ${seg} AS seg, count() AS w FROM ${scan.from} WHERE ${scan.where} AND ${where(scan.col)} GROUP BY seg`;
  }
  const { rel, seg } = segmented(c, 'activity', by);
  return `SELECT ${seg} AS seg, count() AS w FROM ${rel} WHERE ${where((name) => name)} GROUP BY seg`;
}

/** The rows the funnel reads, at any time: step events, or every event in strict mode. */
export function funnelWeights(c: ChCompiler, o: FunnelSettings): string {
  const names = planOf(o.steps).names;
  return weights(c, o.by!, (col) => (o.plan.order === 'strict' ? '1' : `ifNull(${col('event')} IN ${strs(names)}, 0)`));
}

/** The counted events in range (activeEvents, or every event). */
export function adoptionWeights(c: ChCompiler, o: AdoptionSettings): string {
  return weights(c, o.by!, (col) => {
    const range = inRange(col('at'), o.range.from, o.range.to);
    return o.active === undefined ? range : `${range} AND ifNull(${col('event')} IN ${strs(o.active)}, 0)`;
  });
}
