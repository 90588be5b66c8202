// Retention, the ordered funnel and feature adoption written with Arquero verbs.
// Each is the idiomatic, reasonably clever version: aggregate the big table once,
// then work on the small result (retention), or join step to step keeping the
// latest start per chain end (funnel), rather than a naive cross product.
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { op } from 'arquero';
import { FEATURES, FUNNEL_STEPS } from './generate.js';
import type { D, Row } from './hand-cx.js';
import { monthKey, monthOf } from './month.js';

const DAY = 86_400_000;

/** retention by monthly signup cohort, subscription mode, offsets while start(P) ≤ asOf. */
export function aqRetention(customers: ColumnTable, asOf: number): Row[] {
  const now = monthOf(asOf);
  const groups = customers
    .params({ now })
    .derive({ cohort: (d: D) => op.utcyear(d.signup_at) * 12 + op.utcmonth(d.signup_at) })
    .derive({
      last: (d: D, $: D) =>
        op.is_nan(d.churned_at)
          ? $.now - d.cohort
          : op.least($.now - d.cohort, op.utcyear(d.churned_at) * 12 + op.utcmonth(d.churned_at) - d.cohort - 1),
    })
    .groupby('cohort', 'last')
    .count({ as: 'members' });
  const sizes = groups.groupby('cohort').rollup({ size: op.sum('members') });
  const first = sizes.rollup({ lo: op.min('cohort') }).get('lo', 0) as number;
  const offsets = aq.table({ offset: Array.from({ length: now - first + 1 }, (_, k) => k) });
  const retained = groups
    .cross(offsets)
    .filter((d: D) => d.last >= d.offset)
    .groupby('cohort', 'offset')
    .rollup({ retained: op.sum('members') });
  return (sizes
    .cross(offsets)
    .params({ now })
    .filter((d: D, $: D) => d.cohort + d.offset <= $.now)
    .join_left(retained, [['cohort', 'offset'], ['cohort', 'offset']])
    .derive({ retained: (d: D) => (d.retained == null ? 0 : d.retained) })
    .groupby('cohort')
    .orderby('offset')
    .derive({ previous: (d: D) => (op.row_number() === 1 ? d.size : op.lag(d.retained, 1)) })
    .derive({
      rate: (d: D) => d.retained / d.size,
      churned: (d: D) => d.previous - d.retained,
      churnRate: (d: D) => (d.previous ? (d.previous - d.retained) / d.previous : null),
    })
    .ungroup()
    .orderby('cohort', 'offset')
    .objects() as Row[]).map((r) => ({ ...r, cohort: monthKey(r.cohort as number) }));
}

/** Chains ending at each step event: start = the latest first-step time that reaches it. */
function funnelLevels(activity: ColumnTable): ColumnTable[] {
  const events = activity.derive({ row: op.row_number() });
  const step = (name: string) =>
    events.params({ name }).filter((d: D, $: D) => d.event === $.name).select('customer_id', 'at', 'row');
  let chains = step(FUNNEL_STEPS[0]).derive({ start: (d: D) => d.at });
  const levels = [chains];
  for (const name of FUNNEL_STEPS.slice(1)) {
    chains = chains
      .join(step(name).rename({ at: 'at2', row: 'row2' }), 'customer_id')
      .params({ W: 30 * DAY })
      .filter((d: D, $: D) => (d.at2 > d.at || (d.at2 === d.at && d.row2 > d.row)) && d.at2 <= d.start + $.W)
      .groupby('customer_id', 'at2', 'row2')
      .rollup({ start: op.max('start') })
      .rename({ at2: 'at', row2: 'row' });
    levels.push(chains);
  }
  return levels;
}

/** funnel, ordered, steps FUNNEL_STEPS, window P30D. */
export function aqFunnel(activity: ColumnTable): Row[] {
  const levels = funnelLevels(activity).map((chains) =>
    chains
      .derive({ dt: (d: D) => d.at - d.start })
      .groupby('customer_id')
      .rollup({ best: op.min('dt') })
      .rollup({ entered: op.count(), median: op.median('best') })
      .object() as { entered: number; median: number },
  );
  return levels.map(({ entered, median }, j) => ({
    step: FUNNEL_STEPS[j],
    index: j + 1,
    entered,
    conversion: entered / levels[0].entered,
    fromPrevious: entered / levels[j === 0 ? 0 : j - 1].entered,
    medianTimeToConvertMs: j === 0 ? null : median,
  }));
}

/** featureAdoption by month for FEATURES (every event counts as active). */
export function aqAdoption(activity: ColumnTable): Row[] {
  const monthly = activity.derive({ month: (d: D) => op.utcyear(d.at) * 12 + op.utcmonth(d.at) });
  const active = monthly.groupby('month').rollup({ active: op.distinct('customer_id') });
  return (monthly
    .params({ features: FEATURES })
    .filter((d: D, $: D) => op.includes($.features, d.event))
    .groupby('month', 'event')
    .rollup({ adopters: op.distinct('customer_id') })
    .join(active, 'month')
    .derive({ adoption: (d: D) => d.adopters / d.active })
    .orderby('month')
    .objects() as Row[]).map((r) => ({ ...r, period: monthKey(r.month as number), feature: r.event }));
}
