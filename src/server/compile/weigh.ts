// The weight of each segment as the kernel weighs it before folding into "(others)"
// (fold-later.ts), one cheap grouped count (seg, w), run only when folding may be needed:
// - funnel (funnel-count.ts foldSegments): the rows it reads, at any time — step events,
//   or every event in strict mode (where any event breaks a run);
// - featureAdoption (adoption.ts foldSegments): the counted events in range (activeEvents,
//   or every event), of a customer.
import type { AdoptionSettings } from '../../metrics/adoption.js';
import type { FunnelSettings } from '../../metrics/funnel.js';
import type { Compiler } from '../context.js';
import type { BoundStatement } from '../sql.js';
import { inRange, segmentSql } from './common.js';
import { planOf } from './funnel.js';

function weights(c: Compiler, by: string, where: (alias: string) => string): BoundStatement {
  const joins: string[] = [];
  const seg = segmentSql(c, 'activity', 's', by, joins);
  return c.statement(`SELECT ${seg} AS seg, count(*) AS w FROM ${c.filtered('activity')} s ${joins.join(' ')} WHERE ${where('s')} GROUP BY 1`);
}

export function funnelWeights(c: Compiler, o: FunnelSettings): BoundStatement {
  const names = planOf(o.steps).names;
  return weights(c, o.by!, (s) => (o.plan.order === 'strict' ? 'TRUE' : c.d.inList(`${s}.event`, c.p.texts(names))));
}

export function adoptionWeights(c: Compiler, o: AdoptionSettings): BoundStatement {
  return weights(c, o.by!, (s) => {
    const range = inRange(c, `${s}.at`, o.range.from, o.range.to, `${s}.at__ts`);
    return o.active === undefined ? range : `${range} AND ${c.d.inList(`${s}.event`, c.p.texts(o.active))}`;
  });
}
