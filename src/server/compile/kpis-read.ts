// The kpis cards from their grouped SQL rows, for every dialect: each part's rows (per
// window index `j`) read into the cards' counts, then the series, suppression and
// deltas are kpis' own (surveySeries, ticketSeries, ratio, kpiRows). compile/kpis.ts
// and clickhouse/compile/kpis.ts write the statements; both read their rows here.
import { kpiRows, type Cards, type KpiSettings } from '../../metrics/kpis.js';
import { ratio, ticketSeries } from '../../metrics/kpis-windows.js';
import { surveySeries } from '../../metrics/kpis-surveys.js';
import type { Row } from '../../data/schema.js';
import type { DbRow } from '../engine.js';
import { count, num } from '../sql.js';
import { addTickets, emptyTicketCells } from './tickets.js';

/** Reads one part's rows into the cards. */
export type KpiRead = (rows: readonly DbRow[], cards: Cards) => void;

/** The window index `j` of a row, −1 outside the m windows. */
function windowIndex(r: DbRow, m: number): number {
  const j = num(r.j);
  return j === null || j < 0 || j >= m ? -1 : j;
}

/** Surveys per window: promoters pr, passives pa, detractors de, csat_n, sat, ces_n, ces_sum, ces_sq. */
export function readSurveys(m: number): KpiRead {
  return (rows, cards) => {
    const z = () => new Int32Array(m);
    const counts = {
      classes: [z(), z(), z()],
      csatN: z(),
      satisfied: z(),
      cesN: z(),
      cesSum: new Float64Array(m),
      cesSq: new Float64Array(m),
    };
    for (const r of rows) {
      const j = windowIndex(r, m);
      if (j < 0) continue;
      counts.classes[0][j] += count(r.pr);
      counts.classes[1][j] += count(r.pa);
      counts.classes[2][j] += count(r.de);
      counts.csatN[j] += count(r.csat_n);
      counts.satisfied[j] += count(r.sat);
      counts.cesN[j] += count(r.ces_n);
      counts.cesSum[j] += num(r.ces_sum) ?? 0;
      counts.cesSq[j] += num(r.ces_sq) ?? 0;
    }
    Object.assign(cards, surveySeries(counts));
  };
}

/** Tickets per window (the columns of ticketItems, read by addTickets). */
export function readTickets(m: number): KpiRead {
  return (rows, cards) => {
    const acc = emptyTicketCells(m);
    for (const r of rows) {
      const j = windowIndex(r, m);
      if (j >= 0) addTickets(acc, j, r);
    }
    Object.assign(cards, ticketSeries(acc));
  };
}

/** Churn: per (lo, hi, j) — windows started by sign-up, by churn, the churn's window — n customers. */
export function readChurn(m: number): KpiRead {
  return (rows, cards) => {
    const diff = new Int32Array(m + 1);
    const numer = new Int32Array(m);
    for (const r of rows) {
      const n = count(r.n);
      const lo = Math.min(count(r.lo), m);
      const hi = r.hi === null ? m - 1 : Math.min(count(r.hi), m) - 1;
      if (lo > hi) continue;
      diff[lo] += n;
      diff[hi + 1] -= n;
      const j = windowIndex(r, m);
      if (j >= 0 && j >= lo) numer[j] += n;
    }
    const den = new Int32Array(m);
    for (let j = 0, run = 0; j < m; j++) den[j] = run += diff[j];
    cards.churnRate = ratio(numer, den);
  };
}

/** Per window, a numerator `num` and a denominator `den`: the card is their ratio. */
export function readRatio(m: number, card: 'activation' | 'adoption'): KpiRead {
  return (rows, cards) => {
    const den = new Int32Array(m);
    const numer = new Int32Array(m);
    for (const r of rows) {
      const j = windowIndex(r, m);
      if (j < 0) continue;
      den[j] += count(r.den);
      numer[j] += count(r.num);
    }
    cards[card] = ratio(numer, den);
  };
}

/** The kpis rows: the main parts' results first, then the sparkline's (one result per read). */
export function kpisFromGroups(
  s: KpiSettings,
  main: readonly KpiRead[],
  spark: { reads: readonly KpiRead[]; keys: readonly string[] } | undefined,
  results: readonly DbRow[][],
): Row[] {
  const mainCards: Cards = {};
  main.forEach((read, i) => read(results[i], mainCards));
  const sparkCards: Cards = {};
  spark?.reads.forEach((read, i) => read(results[main.length + i], sparkCards));
  return kpiRows(s, mainCards, spark && { cards: sparkCards, keys: spark.keys }) as never;
}
