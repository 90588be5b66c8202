// atRisk: who may be about to leave — a ranked, explainable early warning, not a
// prediction model. A customer still here at asOf is listed when a signal fires:
// - activity: days since their last active day are well above their own usual gap
//   between active days (median), and at least minQuietDays;
// - tickets: a ticket of theirs has been open for at least ticketDays;
// - nps: their last NPS answer in the last npsDays was a detractor (0–6).
// Only data before asOf is read, so the list can be replayed at a past date and
// checked against who did leave (bench/at-risk.ts).
import type { Frame } from '../data/frame.js';
import type { TableInput, Tables } from '../data/schema.js';
import { DAY_MS } from '../time/civil.js';
import { metricInput, type MetricInput } from './input.js';
import { customerRows } from '../query/join.js';
import { checkAtRiskOptions, type AtRiskOptions, type AtRiskSettings, type AtRiskSignal } from './at-risk-options.js';

export type { AtRiskOptions, AtRiskSignal } from './at-risk-options.js';

export interface AtRiskRow {
  customer_id: string;
  /** With `by`: the customer's value of it ("(none)" when missing). */
  segment?: string;
  /** With `value`: the customer's value of it (null when missing). */
  value?: number | null;
  /** The signals that fired, in the order activity, tickets, nps. */
  signals: AtRiskSignal[];
  /** Whole days since the last counted activity before asOf; null without any (or without the activity signal). */
  daysSinceActivity: number | null;
  /** The median gap in days between the customer's active days; null with fewer than minGaps gaps. */
  usualGapDays: number | null;
  /** Tickets open at asOf for at least ticketDays; null without the tickets signal. */
  openTickets: number | null;
  /** The last NPS score in the window; null without one (or without the nps signal). */
  lastNps: number | null;
}

/** What was read per customer row of the customers frame. */
interface Readings {
  daysSince: Float64Array;
  usualGap: Float64Array;
  openTickets: Int32Array;
  lastNps: Float64Array;
}

/** The customers still here at asOf: signed up by then (or no signup recorded), not churned by then. */
function activeAt(customers: Frame, asOf: number): Uint8Array {
  const signup = customers.time('signup_at');
  const churn = customers.has('churned_at') ? customers.time('churned_at') : undefined;
  return Uint8Array.from({ length: customers.n }, (_, i) => (signup[i] > asOf || (churn && churn[i] <= asOf) ? 0 : 1));
}

/** Per customer: days since the last active day, and the median gap between active days (NaN where none). */
function readActivity(input: MetricInput, customers: Frame, active: Uint8Array, s: AtRiskSettings, r: Readings): void {
  const activity = input.frame('activity');
  if (!activity) return;
  const at = activity.time('at');
  const owner = customerRows(activity, customers);
  const codes = activity.dict('customer_id').codes;
  const counted = countedEvents(activity, s.events);
  const count = new Int32Array(customers.n + 1);
  const rowOf = (i: number) => (codes[i] < 0 ? -1 : owner[codes[i]]);
  const keep = (i: number, c: number) => c >= 0 && active[c] === 1 && at[i] < s.asOf && (!counted || counted[i] === 1);
  for (let i = 0; i < activity.n; i++) if (keep(i, rowOf(i))) count[rowOf(i) + 1]++;
  for (let c = 0; c < customers.n; c++) count[c + 1] += count[c];
  const days = new Float64Array(count[customers.n]);
  const fill = count.slice(0, customers.n);
  for (let i = 0; i < activity.n; i++) if (keep(i, rowOf(i))) days[fill[rowOf(i)]++] = at[i];
  for (let c = 0; c < customers.n; c++) {
    if (count[c + 1] === count[c]) continue;
    const own = days.subarray(count[c], count[c + 1]).sort();
    r.daysSince[c] = Math.floor((s.asOf - own[own.length - 1]) / DAY_MS);
    r.usualGap[c] = medianGap(own, s.minGaps);
  }
}

/** The median gap in days between distinct UTC days of `times` (sorted); NaN with fewer than `min` gaps. */
function medianGap(times: Float64Array, min: number): number {
  const gaps: number[] = [];
  let previous = Math.floor(times[0] / DAY_MS);
  for (let j = 1; j < times.length; j++) {
    const day = Math.floor(times[j] / DAY_MS);
    if (day !== previous) gaps.push(day - previous);
    previous = day;
  }
  if (gaps.length < min) return NaN;
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** 1 for rows whose event is counted; undefined when every event counts. */
function countedEvents(activity: Frame, events: readonly string[] | undefined): Uint8Array | undefined {
  if (!events) return undefined;
  const dict = activity.dict('event');
  const wanted = new Uint8Array(dict.values.length);
  for (const e of events) {
    const code = dict.index.get(e);
    if (code !== undefined) wanted[code] = 1;
  }
  return Uint8Array.from(dict.codes, (code) => (code >= 0 ? wanted[code] : 0));
}

/** Per customer: tickets opened before asOf, not resolved by then, open for at least ticketDays. */
function readTickets(input: MetricInput, customers: Frame, active: Uint8Array, s: AtRiskSettings, r: Readings): void {
  const tickets = input.frame('tickets');
  if (!tickets) return;
  r.openTickets.fill(0);
  const opened = tickets.time('opened_at');
  const resolved = tickets.has('resolved_at') ? tickets.time('resolved_at') : undefined;
  const owner = customerRows(tickets, customers);
  const codes = tickets.dict('customer_id').codes;
  const oldest = s.asOf - s.ticketDays * DAY_MS;
  for (let i = 0; i < tickets.n; i++) {
    const c = codes[i] < 0 ? -1 : owner[codes[i]];
    if (c < 0 || !active[c] || !(opened[i] <= oldest) || !(opened[i] < s.asOf)) continue;
    if (resolved && resolved[i] <= s.asOf) continue;
    r.openTickets[c]++;
  }
}

/** Per customer: the score of their last NPS answer in [asOf − npsDays, asOf). */
function readNps(input: MetricInput, customers: Frame, active: Uint8Array, s: AtRiskSettings, r: Readings): void {
  const surveys = input.frame('surveys');
  if (!surveys) return;
  const at = surveys.time('at');
  const score = surveys.num('score');
  const kind = surveys.dict('kind');
  const nps = kind.index.get('nps') ?? -2;
  const owner = customerRows(surveys, customers);
  const codes = surveys.dict('customer_id').codes;
  const since = s.asOf - s.npsDays * DAY_MS;
  const when = new Float64Array(customers.n).fill(-Infinity);
  for (let i = 0; i < surveys.n; i++) {
    const c = codes[i] < 0 ? -1 : owner[codes[i]];
    if (c < 0 || !active[c] || kind.codes[i] !== nps || !(at[i] >= since && at[i] < s.asOf)) continue;
    // The latest answer; at the same instant, the later row.
    if (at[i] >= when[c]) {
      when[c] = at[i];
      r.lastNps[c] = score[i];
    }
  }
}

const nan = (n: number) => new Float64Array(n).fill(NaN);
const orNull = (v: number) => (v === v ? v : null);

/** Customers at risk at asOf, most signals first, then highest value, then longest silence against their rhythm. */
export function atRisk(tables: Tables | TableInput, options?: AtRiskOptions): AtRiskRow[] {
  const s = checkAtRiskOptions(options);
  const input = metricInput(tables, 'customers', 'atRisk');
  const customers = input.require('customers');
  const active = activeAt(customers, s.asOf);
  const r: Readings = { daysSince: nan(customers.n), usualGap: nan(customers.n), openTickets: new Int32Array(customers.n).fill(-1), lastNps: nan(customers.n) };
  const uses = (x: AtRiskSignal) => s.signals.includes(x);
  if (uses('activity')) readActivity(input, customers, active, s, r);
  if (uses('tickets')) readTickets(input, customers, active, s, r);
  if (uses('nps')) readNps(input, customers, active, s, r);
  if (s.value !== undefined && !customers.has(s.value)) throw new RangeError(`atRisk: value '${s.value}' is not a column of the customers table`);
  const value = s.value === undefined ? undefined : customers.num(s.value);
  const seg = s.by === undefined ? undefined : input.segments(customers, s.by);
  const ids = customers.dict('customer_id');
  const rows: (AtRiskRow & { ratio: number })[] = [];
  for (let c = 0; c < customers.n; c++) {
    if (!active[c]) continue;
    const signals: AtRiskSignal[] = [];
    const quiet = r.daysSince[c] >= s.minQuietDays && r.daysSince[c] >= s.gapFactor * r.usualGap[c];
    if (quiet) signals.push('activity');
    if (r.openTickets[c] > 0) signals.push('tickets');
    if (r.lastNps[c] <= 6) signals.push('nps');
    if (signals.length < s.minSignals) continue;
    rows.push({
      customer_id: ids.values[ids.codes[c]],
      ...(seg ? { segment: seg.labels[seg.codes[c]] } : {}),
      ...(value ? { value: orNull(value[c]) } : {}),
      signals,
      daysSinceActivity: orNull(r.daysSince[c]),
      usualGapDays: orNull(r.usualGap[c]),
      openTickets: r.openTickets[c] < 0 ? null : r.openTickets[c],
      lastNps: orNull(r.lastNps[c]),
      ratio: r.daysSince[c] / r.usualGap[c],
    });
  }
  return rows.sort(ranked).map(({ ratio: _, ...row }) => row);
}

/** Most signals, then highest value, then the longest silence against the usual gap, then id. */
function ranked(a: AtRiskRow & { ratio: number }, b: AtRiskRow & { ratio: number }): number {
  return (
    b.signals.length - a.signals.length ||
    (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
    (b.ratio === b.ratio ? b.ratio : -Infinity) - (a.ratio === a.ratio ? a.ratio : -Infinity) ||
    (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : 0)
  );
}
