// What the metric bench runs: each Pulso kernel on normalized tables, the hand loop
// for the same answer on the generator's typed columns, the Arquero-verb version,
// and the fields by which their answers must agree.
import type { ColumnTable } from 'arquero';
import { retention } from '../src/metrics/retention.js';
import { npsTrend } from '../src/metrics/nps.js';
import { channelCsat } from '../src/metrics/csat.js';
import { ticketStats } from '../src/metrics/tickets.js';
import { funnel } from '../src/metrics/funnel.js';
import { featureAdoption } from '../src/metrics/adoption.js';
import { kpis } from '../src/metrics/kpis.js';
import { aqAdoption, aqFunnel, aqRetention } from './arquero-activity.js';
import { aqCsat, aqNps, aqTickets } from './arquero-cx.js';
import { aqKpis } from './arquero-kpis.js';
import type { Fields } from './check.js';
import { END, FEATURES, FUNNEL_STEPS, type BenchData } from './generate.js';
import { handAdoption, handFunnel, handRetention } from './hand-activity.js';
import { handCsat, handNps, handTickets, type Row } from './hand-cx.js';
import { handKpis, KPI_FROM, KPI_TO } from './hand-kpis.js';

export type TableKey = 'customers' | 'activity' | 'surveys' | 'tickets';
export type Normalized = Record<TableKey, ColumnTable>;

export interface Case {
  /** The name in the results table. */
  readonly name: string;
  /** What is computed, for the notes under the table. */
  readonly what: string;
  readonly kernel: (t: Normalized) => readonly object[];
  readonly hand: (d: BenchData) => Row[];
  readonly arquero: (t: Normalized) => Row[];
  /** Agreement of kernel and hand loop (all fields), and of Arquero with the hand loop (headline fields). */
  readonly fields: Fields;
  readonly arqueroFields: Fields;
}

const ASOF = END;

export const CASES: readonly Case[] = [
  {
    name: 'retention',
    what: 'monthly signup cohorts, subscription mode, asOf 2026-01-01 (customers table)',
    kernel: (t) => retention(t.customers, { period: 'month', asOf: ASOF }),
    hand: (d) => handRetention(d.customers, ASOF),
    arquero: (t) => aqRetention(t.customers, ASOF),
    fields: { key: ['cohort', 'offset'], exact: ['size', 'retained', 'churned', 'complete'], close: ['rate', 'churnRate'] },
    arqueroFields: { key: ['cohort', 'offset'], exact: ['size', 'retained', 'churned'], close: ['rate', 'churnRate'] },
  },
  {
    name: 'npsTrend',
    what: 'NPS by month with its interval (surveys table)',
    kernel: (t) => npsTrend(t.surveys, { period: 'month' }),
    hand: (d) => handNps(d.surveys),
    arquero: (t) => aqNps(t.surveys),
    fields: { key: ['period'], exact: ['n', 'promoters', 'passives', 'detractors'], close: ['nps', 'ciLow', 'ciHigh'] },
    arqueroFields: { key: ['period'], exact: ['n', 'promoters', 'passives', 'detractors'], close: ['nps'] },
  },
  {
    name: 'channelCsat',
    what: 'CSAT by channel with Wilson intervals (surveys table)',
    kernel: (t) => channelCsat(t.surveys),
    hand: (d) => handCsat(d.surveys),
    arquero: (t) => aqCsat(t.surveys),
    fields: { key: ['channel'], exact: ['n', 'satisfied'], close: ['csat', 'mean', 'ciLow', 'ciHigh'] },
    arqueroFields: { key: ['channel'], exact: ['n', 'satisfied'], close: ['csat', 'mean', 'ciLow', 'ciHigh'] },
  },
  {
    name: 'ticketStats',
    what: 'tickets, FCR, response and resolution medians by channel (tickets table)',
    kernel: (t) => ticketStats(t.tickets),
    hand: (d) => handTickets(d.tickets),
    arquero: (t) => aqTickets(t.tickets),
    fields: {
      key: ['channel'],
      exact: ['tickets', 'resolved', 'open'],
      close: ['fcr', 'firstResponseMedianMin', 'firstResponseMeanMin', 'resolutionMedianMin'],
    },
    arqueroFields: {
      key: ['channel'],
      exact: ['tickets', 'resolved', 'open'],
      close: ['fcr', 'firstResponseMedianMin', 'firstResponseMeanMin', 'resolutionMedianMin'],
    },
  },
  {
    name: 'funnel',
    what: `ordered, 4 steps (${FUNNEL_STEPS.join(' → ')}), window P30D (activity table)`,
    kernel: (t) => funnel(t.activity, { steps: FUNNEL_STEPS, window: 'P30D' }),
    hand: (d) => handFunnel(d.activity),
    arquero: (t) => aqFunnel(t.activity),
    fields: { key: ['step', 'index'], exact: ['entered'], close: ['conversion', 'fromPrevious', 'medianTimeToConvertMs'] },
    arqueroFields: { key: ['step', 'index'], exact: ['entered'], close: ['conversion', 'fromPrevious', 'medianTimeToConvertMs'] },
  },
  {
    name: 'featureAdoption',
    what: `by month × 3 features (${FEATURES.join(', ')}) (activity table)`,
    kernel: (t) => featureAdoption(t.activity, { features: FEATURES, period: 'month' }),
    hand: (d) => handAdoption(d.activity),
    arquero: (t) => aqAdoption(t.activity),
    fields: { key: ['period', 'feature'], exact: ['active', 'adopters'], close: ['adoption'] },
    arqueroFields: { key: ['period', 'feature'], exact: ['active', 'adopters'], close: ['adoption'] },
  },
  {
    name: 'kpis',
    what: 'all 10 cards over 2025-01-01…2025-07-01 and the range before (all four tables)',
    kernel: (t) => kpis(t, { from: KPI_FROM, to: KPI_TO, features: FEATURES }),
    hand: (d) => handKpis(d),
    arquero: (t) => aqKpis(t),
    fields: { key: ['metric'], exact: [], close: ['value', 'previous'] },
    arqueroFields: { key: ['metric'], exact: [], close: ['value', 'previous'] },
  },
];

/** "All four widgets": cohort churn, NPS trend, channel CSAT + ticket stats, funnel. */
export function fourWidgets(t: Normalized): number {
  return (
    CASES.filter((c) => ['retention', 'npsTrend', 'channelCsat', 'ticketStats', 'funnel'].includes(c.name))
      .map((c) => c.kernel(t).length)
      .reduce((a, b) => a + b, 0)
  );
}
