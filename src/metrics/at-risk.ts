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
import { atRiskRow, daysSince, rankAtRisk, usualGap, type AtRiskReading, type AtRiskRow, type RankedAtRiskRow } from './at-risk-rows.js';

export type { AtRiskOptions, AtRiskSignal } from './at-risk-options.js';
export type { AtRiskRow, AtRiskTotals } from './at-risk-rows.js';
export { atRiskTotals } from './at-risk-rows.js';

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
    r.daysSince[c] = daysSince(s.asOf, own[own.length - 1]);
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
  gaps.sort((a, b) => a - b);
  return usualGap(gaps.length, gaps[(gaps.length - 1) >> 1], gaps[gaps.length >> 1], min);
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
    // The latest answer; at the same instant, the lowest score (not the later row: a SQL
    // source has no row order, and the list must not depend on it).
    if (at[i] > when[c] || (at[i] === when[c] && score[i] < r.lastNps[c])) {
      when[c] = at[i];
      r.lastNps[c] = score[i];
    }
  }
}

const nan = (n: number) => new Float64Array(n).fill(NaN);

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
  const rows: RankedAtRiskRow[] = [];
  for (let c = 0; c < customers.n; c++) {
    if (!active[c]) continue;
    const reading: AtRiskReading = {
      customerId: ids.values[ids.codes[c]],
      ...(seg ? { segment: seg.labels[seg.codes[c]] } : {}),
      ...(value ? { value: value[c] } : {}),
      daysSince: r.daysSince[c],
      usualGap: r.usualGap[c],
      openTickets: r.openTickets[c],
      lastNps: r.lastNps[c],
    };
    const row = atRiskRow(reading, s);
    if (row) rows.push(row);
  }
  return rankAtRisk(rows, s.limit);
}
