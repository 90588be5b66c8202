// The KPI cards written with Arquero verbs: one rollup per table over both ranges
// ([b0, b1) previous, [b1, b2) current), and a join for activation.
import type { ColumnTable } from 'arquero';
import { op } from 'arquero';
import { FEATURES } from './generate.js';
import type { D, Row } from './hand-cx.js';
import { KPI_FROM, KPI_TO } from './hand-kpis.js';

const P = { b0: KPI_FROM - (KPI_TO - KPI_FROM), b1: KPI_FROM, b2: KPI_TO, week: 7 * 86_400_000, features: FEATURES };

type Tables = Record<'customers' | 'activity' | 'surveys' | 'tickets', ColumnTable>;
type Pair = [previous: number, value: number];

/** Window 0 (previous) and 1 (current) of rows whose `column` is in [b0, b2). */
function inRange(t: ColumnTable, column: string): ColumnTable {
  // Arquero reads columns by static name, so the expressions are written out as text.
  return t
    .params(P)
    .filter(`(d, $) => d.${column} >= $.b0 && d.${column} < $.b2`)
    .derive({ w: `(d, $) => d.${column} >= $.b1 ? 1 : 0` });
}

/** Per window, in order 0, 1: the value of `f` over the rollup row. */
function pair(t: ColumnTable, f: (r: Record<string, number>) => number): Pair {
  const rows = t.orderby('w').objects() as Record<string, number>[];
  return [f(rows[0]), f(rows[1])];
}

function churn(customers: ColumnTable): Pair {
  const r = customers
    .params(P)
    .rollup({
      den0: (d: D, $: D) => op.sum(d.signup_at < $.b0 && !(d.churned_at < $.b0) ? 1 : 0),
      num0: (d: D, $: D) => op.sum(d.signup_at < $.b0 && d.churned_at >= $.b0 && d.churned_at < $.b1 ? 1 : 0),
      den1: (d: D, $: D) => op.sum(d.signup_at < $.b1 && !(d.churned_at < $.b1) ? 1 : 0),
      num1: (d: D, $: D) => op.sum(d.signup_at < $.b1 && d.churned_at >= $.b1 && d.churned_at < $.b2 ? 1 : 0),
    })
    .object() as Record<string, number>;
  return [r.num0 / r.den0, r.num1 / r.den1];
}

function surveys(t: ColumnTable): Record<'nps' | 'csat' | 'ces', Pair> {
  const g = inRange(t, 'at')
    .groupby('w')
    .rollup({
      npsN: (d: D) => op.sum(d.kind === 'nps' ? 1 : 0),
      promoters: (d: D) => op.sum(d.kind === 'nps' && d.score >= 9 ? 1 : 0),
      detractors: (d: D) => op.sum(d.kind === 'nps' && d.score <= 6 ? 1 : 0),
      csatN: (d: D) => op.sum(d.kind === 'csat' ? 1 : 0),
      satisfied: (d: D) => op.sum(d.kind === 'csat' && d.score >= 4 ? 1 : 0),
      ces: (d: D) => op.mean(d.kind === 'ces' ? d.score : null),
    });
  return {
    nps: pair(g, (r) => (100 * (r.promoters - r.detractors)) / r.npsN),
    csat: pair(g, (r) => (100 * r.satisfied) / r.csatN),
    ces: pair(g, (r) => r.ces),
  };
}

function tickets(t: ColumnTable): Record<'fcr' | 'response' | 'resolution' | 'volume', Pair> {
  const g = inRange(t, 'opened_at')
    .groupby('w')
    .rollup({
      volume: op.count(),
      fcrYes: (d: D) => op.sum(!op.is_nan(d.resolved_at) && d.contacts === 1 ? 1 : 0),
      fcrAll: (d: D) => op.sum(!op.is_nan(d.resolved_at) && d.contacts >= 1 ? 1 : 0),
      response: (d: D) => op.median((d.first_response_at - d.opened_at) / 60000),
      resolution: (d: D) => op.median((d.resolved_at - d.opened_at) / 60000),
    });
  return {
    fcr: pair(g, (r) => r.fcrYes / r.fcrAll),
    response: pair(g, (r) => r.response),
    resolution: pair(g, (r) => r.resolution),
    volume: pair(g, (r) => r.volume),
  };
}

function activation(customers: ColumnTable, activity: ColumnTable): Pair {
  const signed = inRange(customers, 'signup_at').select('customer_id', 'signup_at', 'w');
  const den = signed.groupby('w').count({ as: 'den' });
  const num = signed
    // SPEC §3.7: without activationEvents, every event but the sign-up itself (signup, sign_up, signup_*) counts.
    .join(
      activity.filter((d: D) => !(d.event === 'signup' || d.event === 'sign_up' || op.substring(d.event, 0, 7) === 'signup_')).select('customer_id', 'at'),
      'customer_id',
    )
    .params(P)
    .filter((d: D, $: D) => d.at >= d.signup_at && d.at < d.signup_at + $.week)
    .groupby('w')
    .rollup({ num: op.distinct('customer_id') });
  return pair(den.join(num, 'w'), (r) => r.num / r.den);
}

function adoption(activity: ColumnTable): Pair {
  const rows = inRange(activity, 'at');
  const den = rows.groupby('w').rollup({ den: op.distinct('customer_id') });
  const num = rows
    .filter((d: D, $: D) => op.includes($.features, d.event))
    .groupby('w')
    .rollup({ num: op.distinct('customer_id') });
  return pair(den.join(num, 'w'), (r) => r.num / r.den);
}

export function aqKpis(t: Tables): Row[] {
  const s = surveys(t.surveys);
  const k = tickets(t.tickets);
  const cards: [string, Pair][] = [
    ['churnRate', churn(t.customers)],
    ['nps', s.nps],
    ['csat', s.csat],
    ['ces', s.ces],
    ['fcr', k.fcr],
    ['firstResponseMedian', k.response],
    ['resolutionMedian', k.resolution],
    ['ticketVolume', k.volume],
    ['activation', activation(t.customers, t.activity)],
    ['adoption', adoption(t.activity)],
  ];
  return cards.map(([metric, [previous, value]]) => ({ metric, value, previous }));
}
