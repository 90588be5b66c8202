// The KPI cards (kpis over [KPI_FROM, KPI_TO) and the range before it) as plain
// loops over the generator's typed columns, one per table, both ranges at once.
import { FEATURES, type Activity, type BenchData, type Customers, type Surveys, type Tickets } from './generate.js';
import type { Row } from './hand-cx.js';
import { median } from './month.js';
import { isSignupEvent } from '../src/metrics/kpis-options.js';

export const KPI_FROM = Date.UTC(2025, 0, 1);
export const KPI_TO = Date.UTC(2025, 6, 1);
const B = [KPI_FROM - (KPI_TO - KPI_FROM), KPI_FROM, KPI_TO];
const WEEK = 7 * 86_400_000;

/** 0 for the previous range, 1 for the current one, -1 outside both. */
const windowOf = (t: number) => (t >= B[1] && t < B[2] ? 1 : t >= B[0] && t < B[1] ? 0 : -1);

type Card = [previous: number, value: number];

function churn(c: Customers): Card {
  const num = [0, 0];
  const den = [0, 0];
  for (let i = 0; i < c.n; i++) {
    const s = c.signup[i];
    const ch = c.churned[i];
    for (let w = 0; w < 2; w++) {
      // Active at the range start: signed up before it, not churned before it.
      if (!(s < B[w]) || ch < B[w]) continue;
      den[w]++;
      if (ch < B[w + 1]) num[w]++;
    }
  }
  return [num[0] / den[0], num[1] / den[1]];
}

function activation(c: Customers, a: Activity): Card {
  const until = new Float64Array(a.active).fill(NaN);
  for (let i = 0; i < a.active; i++) if (c.signup[i] >= B[0] && c.signup[i] < B[2]) until[i] = c.signup[i] + WEEK;
  // SPEC §3.7: without activationEvents, every event but the sign-up itself counts.
  const counts = Uint8Array.from(a.event.labels, (e) => (isSignupEvent(e) ? 0 : 1));
  const activated = new Uint8Array(a.active);
  for (let i = 0; i < a.n; i++) {
    const k = a.customer[i];
    if (counts[a.event.codes[i]] && a.at[i] >= c.signup[k] && a.at[i] < until[k]) activated[k] = 1;
  }
  const num = [0, 0];
  const den = [0, 0];
  for (let i = 0; i < c.n; i++) {
    const w = windowOf(c.signup[i]);
    if (w < 0) continue;
    den[w]++;
    if (i < a.active) num[w] += activated[i];
  }
  return [num[0] / den[0], num[1] / den[1]];
}

function surveyCards(s: Surveys): { nps: Card; csat: Card; ces: Card } {
  const [NPS, CSAT, CES] = ['nps', 'csat', 'ces'].map((k) => s.kind.labels.indexOf(k));
  const acc = new Float64Array(2 * 7); // per window: promoters, passives, detractors, csat n, satisfied, ces n, ces sum
  for (let i = 0; i < s.n; i++) {
    const w = windowOf(s.at[i]);
    if (w < 0) continue;
    const k = s.kind.codes[i];
    const x = s.score[i];
    const o = w * 7;
    if (k === NPS) acc[o + (x >= 9 ? 0 : x >= 7 ? 1 : 2)]++;
    else if (k === CSAT) {
      acc[o + 3]++;
      if (x >= 4) acc[o + 4]++;
    } else if (k === CES) {
      acc[o + 5]++;
      acc[o + 6] += x;
    }
  }
  const card = (f: (o: number) => number): Card => [f(0), f(7)];
  return {
    nps: card((o) => (100 * (acc[o] - acc[o + 2])) / (acc[o] + acc[o + 1] + acc[o + 2])),
    csat: card((o) => (100 * acc[o + 4]) / acc[o + 3]),
    ces: card((o) => acc[o + 6] / acc[o + 5]),
  };
}

/** Minutes from opening to `end` of the tickets opened in window w that have an end, per window. */
function minutes(t: Tickets, end: Float64Array): Card {
  const count = [0, 0];
  for (let i = 0; i < t.n; i++) if (end[i] === end[i] && windowOf(t.opened[i]) >= 0) count[windowOf(t.opened[i])]++;
  const values = [new Float64Array(count[0]), new Float64Array(count[1])];
  const fill = [0, 0];
  for (let i = 0; i < t.n; i++) {
    const w = windowOf(t.opened[i]);
    if (w >= 0 && end[i] === end[i]) values[w][fill[w]++] = (end[i] - t.opened[i]) / 60_000;
  }
  return [median(values[0]), median(values[1])];
}

function ticketCards(t: Tickets): { fcr: Card; response: Card; resolution: Card; volume: Card } {
  const volume = [0, 0];
  const yes = [0, 0];
  const all = [0, 0];
  for (let i = 0; i < t.n; i++) {
    const w = windowOf(t.opened[i]);
    if (w < 0) continue;
    volume[w]++;
    if (t.resolved[i] !== t.resolved[i]) continue;
    if (t.contacts[i] >= 1) all[w]++;
    if (t.contacts[i] === 1) yes[w]++;
  }
  return {
    fcr: [yes[0] / all[0], yes[1] / all[1]],
    response: minutes(t, t.firstResponse),
    resolution: minutes(t, t.resolved),
    volume: [volume[0], volume[1]],
  };
}

function adoption(a: Activity): Card {
  const isFeature = Uint8Array.from(a.event.labels, (e) => (FEATURES.includes(e) ? 1 : 0));
  const seen = new Uint8Array(2 * a.active);
  const adopted = new Uint8Array(2 * a.active);
  const num = [0, 0];
  const den = [0, 0];
  for (let i = 0; i < a.n; i++) {
    const w = windowOf(a.at[i]);
    if (w < 0) continue;
    const k = w * a.active + a.customer[i];
    if (!seen[k]) {
      seen[k] = 1;
      den[w]++;
    }
    if (isFeature[a.event.codes[i]] && !adopted[k]) {
      adopted[k] = 1;
      num[w]++;
    }
  }
  return [num[0] / den[0], num[1] / den[1]];
}

/** kpis(tables, { from, to, features }): value and previous of every card, in the kernel's order. */
export function handKpis(d: BenchData): Row[] {
  const s = surveyCards(d.surveys);
  const t = ticketCards(d.tickets);
  const cards: [string, Card][] = [
    ['churnRate', churn(d.customers)],
    ['nps', s.nps],
    ['csat', s.csat],
    ['ces', s.ces],
    ['fcr', t.fcr],
    ['firstResponseMedian', t.response],
    ['resolutionMedian', t.resolution],
    ['ticketVolume', t.volume],
    ['activation', activation(d.customers, d.activity)],
    ['adoption', adoption(d.activity)],
  ];
  return cards.map(([metric, [previous, value]]) => ({ metric, value, previous }));
}
