// Hand-written typed-array loops for the survey and ticket metrics, specialized to
// the bench's cases: NPS by month, CSAT by channel, ticket stats by channel. They
// read the generator's typed columns and return rows shaped like the kernels'.
import type { Surveys, Tickets } from './generate.js';
import { monthKey, monthOf, npsOf, median, wilsonPercent } from './month.js';

export type Row = Record<string, string | number | boolean | null | undefined>;

/**
 * A row as Arquero's expressions see it (its own `Struct`, which the package does not
 * export): columns of any type, read by name.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type D = Record<string, any>;

const NONE = '(none)';

/** npsTrend(surveys, { period: 'month' }): every month from the first to the last answer. */
export function handNps(s: Surveys): Row[] {
  const nps = s.kind.labels.indexOf('nps');
  let lo = Infinity;
  let hi = -Infinity;
  const month = new Int32Array(s.n);
  for (let i = 0; i < s.n; i++) {
    if (s.kind.codes[i] !== nps) continue;
    const m = monthOf(s.at[i]);
    month[i] = m;
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const periods = hi - lo + 1;
  const counts = new Int32Array(periods * 3);
  for (let i = 0; i < s.n; i++) {
    if (s.kind.codes[i] !== nps) continue;
    const x = s.score[i];
    counts[(month[i] - lo) * 3 + (x >= 9 ? 0 : x >= 7 ? 1 : 2)]++;
  }
  const rows: Row[] = [];
  for (let p = 0; p < periods; p++) {
    const [promoters, passives, detractors] = counts.subarray(p * 3, p * 3 + 3);
    const n = promoters + passives + detractors;
    const [score, ciLow, ciHigh] = n ? npsOf(promoters, detractors, n) : [null, null, null];
    rows.push({ period: monthKey(lo + p), n, promoters, passives, detractors, nps: score, ciLow, ciHigh });
  }
  return rows;
}

/** Group order of the kernels: labels in plain string order, "(none)" last. */
function groupOrder(labels: readonly string[], present: (g: number) => boolean): number[] {
  const groups: number[] = [];
  for (let g = 0; g <= labels.length; g++) if (present(g)) groups.push(g);
  // Slot labels.length holds the nulls.
  return groups.sort((a, b) => (a === labels.length ? 1 : b === labels.length ? -1 : labels[a] < labels[b] ? -1 : 1));
}

/** channelCsat(surveys): per channel, satisfied = score ≥ 4. */
export function handCsat(s: Surveys): Row[] {
  const csat = s.kind.labels.indexOf('csat');
  const G = s.channel.labels.length + 1;
  const n = new Int32Array(G);
  const satisfied = new Int32Array(G);
  const sum = new Float64Array(G);
  for (let i = 0; i < s.n; i++) {
    if (s.kind.codes[i] !== csat) continue;
    const c = s.channel.codes[i];
    const g = c < 0 ? G - 1 : c;
    const x = s.score[i];
    n[g]++;
    sum[g] += x;
    if (x >= 4) satisfied[g]++;
  }
  return groupOrder(s.channel.labels, (g) => n[g] > 0).map((g) => {
    const [ciLow, ciHigh] = wilsonPercent(satisfied[g], n[g]);
    const channel = g === G - 1 ? NONE : s.channel.labels[g];
    return { channel, n: n[g], satisfied: satisfied[g], csat: (100 * satisfied[g]) / n[g], mean: sum[g] / n[g], ciLow, ciHigh };
  });
}

/** Per-group minute durations `end − start` where end is present, gathered and sorted per group. */
function durations(t: Tickets, end: Float64Array, G: number): { count: Int32Array; sum: Float64Array; median: Float64Array } {
  const count = new Int32Array(G);
  const sum = new Float64Array(G);
  for (let i = 0; i < t.n; i++) {
    if (end[i] !== end[i]) continue;
    count[t.channel.codes[i]]++;
    sum[t.channel.codes[i]] += (end[i] - t.opened[i]) / 60_000;
  }
  const values = Array.from(count, (c) => new Float64Array(c));
  const fill = new Int32Array(G);
  for (let i = 0; i < t.n; i++) {
    if (end[i] !== end[i]) continue;
    const g = t.channel.codes[i];
    values[g][fill[g]++] = (end[i] - t.opened[i]) / 60_000;
  }
  return { count, sum, median: Float64Array.from(values, median) };
}

/** ticketStats(tickets): per channel (a required column, so never null). */
export function handTickets(t: Tickets): Row[] {
  const G = t.channel.labels.length;
  const tickets = new Int32Array(G);
  const resolved = new Int32Array(G);
  const fcrYes = new Int32Array(G);
  const fcrAll = new Int32Array(G);
  for (let i = 0; i < t.n; i++) {
    const g = t.channel.codes[i];
    tickets[g]++;
    if (t.resolved[i] !== t.resolved[i]) continue;
    resolved[g]++;
    if (t.contacts[i] >= 1) fcrAll[g]++;
    if (t.contacts[i] === 1) fcrYes[g]++;
  }
  const response = durations(t, t.firstResponse, G);
  const resolution = durations(t, t.resolved, G);
  return groupOrder(t.channel.labels, (g) => g < G && tickets[g] > 0).map((g) => ({
    channel: t.channel.labels[g],
    tickets: tickets[g],
    resolved: resolved[g],
    open: tickets[g] - resolved[g],
    fcr: fcrAll[g] ? fcrYes[g] / fcrAll[g] : null,
    firstResponseMedianMin: response.median[g],
    firstResponseMeanMin: response.sum[g] / response.count[g],
    resolutionMedianMin: resolution.median[g],
  }));
}
