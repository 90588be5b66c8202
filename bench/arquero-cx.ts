// The survey and ticket metrics written with Arquero verbs (filter, derive,
// groupby, rollup, orderby), as a host would without Pulso's kernels. The bench
// page is not under a strict CSP, so Arquero may compile its expressions.
import type { ColumnTable } from 'arquero';
import { op } from 'arquero';
import type { D, Row } from './hand-cx.js';
import { monthKey } from './month.js';

const NONE = '(none)';

/** npsTrend by month. */
export function aqNps(surveys: ColumnTable): Row[] {
  return (surveys
    .filter((d: D) => d.kind === 'nps')
    .derive({ month: (d: D) => op.utcyear(d.at) * 12 + op.utcmonth(d.at) })
    .groupby('month')
    .rollup({
      n: op.count(),
      promoters: (d: D) => op.sum(d.score >= 9 ? 1 : 0),
      passives: (d: D) => op.sum(d.score >= 7 && d.score < 9 ? 1 : 0),
      detractors: (d: D) => op.sum(d.score < 7 ? 1 : 0),
    })
    .derive({ nps: (d: D) => (100 * (d.promoters - d.detractors)) / d.n })
    .orderby('month')
    .objects() as Row[]).map((r) => ({ ...r, period: monthKey(r.month as number) }));
}

/** channelCsat by channel, with the Wilson interval derived in percent. */
export function aqCsat(surveys: ColumnTable): Row[] {
  return (surveys
    .filter((d: D) => d.kind === 'csat')
    .groupby('channel')
    .rollup({ n: op.count(), satisfied: (d: D) => op.sum(d.score >= 4 ? 1 : 0), mean: (d: D) => op.mean(d.score) })
    .params({ z: 1.959964 })
    .derive({
      csat: (d: D) => (100 * d.satisfied) / d.n,
      p: (d: D) => d.satisfied / d.n,
      den: (d: D, $: D) => 1 + ($.z * $.z) / d.n,
    })
    .derive({
      centre: (d: D, $: D) => (d.p + ($.z * $.z) / (2 * d.n)) / d.den,
      half: (d: D, $: D) => ($.z * op.sqrt((d.p * (1 - d.p)) / d.n + ($.z * $.z) / (4 * d.n * d.n))) / d.den,
    })
    .derive({ ciLow: (d: D) => 100 * op.greatest(0, d.centre - d.half), ciHigh: (d: D) => 100 * op.least(1, d.centre + d.half) })
    .objects() as Row[]).map((r) => ({ ...r, channel: r.channel ?? NONE }));
}

/** ticketStats by channel. */
export function aqTickets(tickets: ColumnTable): Row[] {
  return tickets
    .groupby('channel')
    .rollup({
      tickets: op.count(),
      resolved: op.valid('resolved_at'),
      fcrYes: (d: D) => op.sum(!op.is_nan(d.resolved_at) && d.contacts === 1 ? 1 : 0),
      fcrAll: (d: D) => op.sum(!op.is_nan(d.resolved_at) && d.contacts >= 1 ? 1 : 0),
      firstResponseMedianMin: (d: D) => op.median((d.first_response_at - d.opened_at) / 60000),
      firstResponseMeanMin: (d: D) => op.mean((d.first_response_at - d.opened_at) / 60000),
      resolutionMedianMin: (d: D) => op.median((d.resolved_at - d.opened_at) / 60000),
    })
    .derive({ open: (d: D) => d.tickets - d.resolved, fcr: (d: D) => d.fcrYes / d.fcrAll })
    .objects() as Row[];
}
