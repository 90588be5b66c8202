// Metric name → what a query needs to know about the metric: the tables it reads,
// its option check (no data needed) and the kernel. A new metric is one entry.
import { SCHEMA, TABLE_NAMES, type Row, type TableName, type Tables } from '../data/schema.js';
import type { FrameSet } from '../metrics/input.js';
import type { Steps } from '../data/slices.js';
import { featureAdoption, featureAdoptionSteps, checkAdoptionOptions, type AdoptionOptions } from '../metrics/adoption.js';
import { channelCsat, channelCsatSteps, checkChannelCsatOptions, type ChannelCsatOptions } from '../metrics/csat.js';
import { extent, checkExtentOptions, type ExtentOptions } from '../metrics/extent.js';
import { funnel, funnelSteps, checkFunnelOptions, type FunnelOptions } from '../metrics/funnel.js';
import { kpis, kpiSteps, checkKpiOptions, kpiTables, type KpiOptions } from '../metrics/kpis.js';
import { npsTrend, npsTrendSteps, checkNpsTrendOptions, type NpsTrendOptions } from '../metrics/nps.js';
import { retention, type RetentionOptions } from '../metrics/retention.js';
import { retentionSettings } from '../metrics/retention-options.js';
import { ticketStats, ticketStatsSteps, checkTicketStatsOptions, type TicketStatsOptions } from '../metrics/tickets.js';
import { survival, survivalSummary, type SurvivalOptions } from '../metrics/survival.js';
import { checkSurvivalOptions } from '../metrics/survival-options.js';
import { valueConcentration, paretoCurve, checkValueOptions, type ValueOptions } from '../metrics/value.js';
import { atRisk, type AtRiskOptions } from '../metrics/at-risk.js';
import { atRiskTables, checkAtRiskOptions } from '../metrics/at-risk-options.js';
import { values, checkValuesOptions, type ValuesOptions } from '../metrics/values.js';
import type { MetricName } from './types.js';

/** What a metric takes: tables (rows or Arquero tables), or the frames runQuery passes. */
export type MetricTables = Tables | FrameSet;

type Options = Readonly<Record<string, unknown>>;

export interface MetricEntry {
  /** The tables the metric reads for these (checked) options, in TABLE_NAMES order. */
  tables(options: Options): readonly TableName[];
  /** Throws the metric's RangeError/TypeError for a bad option; no data needed. */
  check(options: Options): void;
  /** Computes the rows from tables (rows, Arquero tables, or the frame views runQuery passes). */
  run(tables: MetricTables, options: Options): Row[];
  /** `run` as steps that may pause between the kernel's blocks (src/data/slices.ts), for kernels long enough to need it. */
  steps?(tables: MetricTables, options: Options): Steps<Row[]>;
}

/** `main`, and customers too when `by` is not a canonical column of `main` (a customer attribute). */
function withBy(main: TableName, by: string | undefined): TableName[] {
  const own = by === undefined || SCHEMA[main].some((c) => c.name === by);
  return own ? [main] : TABLE_NAMES.filter((t) => t === main || t === 'customers');
}

// The metrics' signatures name host tables; the query layer passes its FrameSet,
// which `metricInput` recognizes, and reads back rows. Both casts are that bridge.
const host = (t: MetricTables) => t as Tables;
const rows = (r: readonly object[]) => r as unknown as Row[];
const rowSteps = (s: Steps<readonly object[]>) => s as unknown as Steps<Row[]>;

export const METRICS: Readonly<Record<MetricName, MetricEntry>> = {
  retention: {
    tables(o) {
      const s = retentionSettings(o);
      if (s.cohortBy === 'signup') return s.mode === 'activity' ? ['customers', 'activity'] : ['customers'];
      return s.mode === 'subscription' ? ['customers', 'activity'] : withBy('activity', s.by);
    },
    check: (o) => void retentionSettings(o),
    run: (t, o) => rows(retention(host(t), o as RetentionOptions)),
  },
  npsTrend: {
    tables: (o) => withBy('surveys', checkNpsTrendOptions(o).by),
    check: (o) => void checkNpsTrendOptions(o),
    run: (t, o) => rows(npsTrend(host(t), o as NpsTrendOptions)),
    steps: (t, o) => rowSteps(npsTrendSteps(host(t), o as NpsTrendOptions)),
  },
  channelCsat: {
    tables: (o) => withBy('surveys', checkChannelCsatOptions(o).by),
    check: (o) => void checkChannelCsatOptions(o),
    run: (t, o) => rows(channelCsat(host(t), o as ChannelCsatOptions)),
    steps: (t, o) => rowSteps(channelCsatSteps(host(t), o as ChannelCsatOptions)),
  },
  ticketStats: {
    tables: (o) => withBy('tickets', checkTicketStatsOptions(o).by),
    check: (o) => void checkTicketStatsOptions(o),
    run: (t, o) => rows(ticketStats(host(t), o as TicketStatsOptions)),
    steps: (t, o) => rowSteps(ticketStatsSteps(host(t), o as TicketStatsOptions)),
  },
  funnel: {
    tables: (o) => withBy('activity', checkFunnelOptions(o).by),
    check: (o) => void checkFunnelOptions(o),
    run: (t, o) => rows(funnel(host(t), o as unknown as FunnelOptions)),
    steps: (t, o) => rowSteps(funnelSteps(host(t), o as unknown as FunnelOptions)),
  },
  featureAdoption: {
    tables: (o) => withBy('activity', checkAdoptionOptions(o).by),
    check: (o) => void checkAdoptionOptions(o),
    run: (t, o) => rows(featureAdoption(host(t), o as unknown as AdoptionOptions)),
    steps: (t, o) => rowSteps(featureAdoptionSteps(host(t), o as unknown as AdoptionOptions)),
  },
  kpis: {
    tables: (o) => kpiTables(checkKpiOptions(o)),
    check: (o) => void checkKpiOptions(o),
    run: (t, o) => rows(kpis(host(t), o as unknown as KpiOptions)),
    steps: (t, o) => rowSteps(kpiSteps(host(t), o as unknown as KpiOptions)),
  },
  extent: {
    tables: (o) => [checkExtentOptions(o).table],
    check: (o) => void checkExtentOptions(o),
    run: (t, o) => rows(extent(host(t), o as unknown as ExtentOptions)),
  },
  survival: {
    tables: () => ['customers'],
    check: (o) => void checkSurvivalOptions(o, 'survival'),
    run: (t, o) => rows(survival(host(t), o as SurvivalOptions)),
  },
  // One row: the summary object itself (a query always answers rows).
  survivalSummary: {
    tables: () => ['customers'],
    check: (o) => void checkSurvivalOptions(o, 'survivalSummary'),
    run: (t, o) => rows([survivalSummary(host(t), o as SurvivalOptions)]),
  },
  valueConcentration: {
    tables: () => ['customers'],
    check: (o) => void checkValueOptions(o, 'valueConcentration'),
    run: (t, o) => rows(valueConcentration(host(t), o as ValueOptions)),
  },
  paretoCurve: {
    tables: () => ['customers'],
    check: (o) => void checkValueOptions(o, 'paretoCurve'),
    run: (t, o) => rows(paretoCurve(host(t), o as ValueOptions)),
  },
  atRisk: {
    tables: (o) => atRiskTables(checkAtRiskOptions(o)),
    check: (o) => void checkAtRiskOptions(o),
    run: (t, o) => rows(atRisk(host(t), o as AtRiskOptions)),
  },
  values: {
    tables: (o) => [checkValuesOptions(o).table],
    check: (o) => void checkValuesOptions(o),
    run: (t, o) => rows(values(host(t), o as unknown as ValuesOptions)),
  },
};
