// Metric name → its SQL compiler: the metrics of SPEC §3.1–§3.7, extent and atRisk. A
// metric without one (survival, value, values) is refused by name; pulso-serve's
// handler computes those from the source's rows.
import type { MetricName } from '../../query/types.js';
import type { MetricCompiler } from './common.js';
import { compileAdoption } from './adoption.js';
import { compileAtRisk } from './at-risk.js';
import { compileCsat } from './csat.js';
import { compileExtent } from './extent.js';
import { compileFunnel } from './funnel.js';
import { compileKpis } from './kpis.js';
import { compileNps } from './nps.js';
import { compileRetention } from './retention.js';
import { compileTickets } from './tickets.js';

export const COMPILERS: Partial<Record<MetricName, MetricCompiler>> = {
  retention: compileRetention,
  npsTrend: compileNps,
  channelCsat: compileCsat,
  ticketStats: compileTickets,
  funnel: compileFunnel,
  featureAdoption: compileAdoption,
  kpis: compileKpis,
  extent: compileExtent,
  atRisk: compileAtRisk,
};

/** The options each metric computes at a SQL source (what `capabilities()` lists). */
export const SQL_OPTIONS: Partial<Record<MetricName, readonly string[]>> = {
  retention: ['period', 'asOf', 'from', 'to', 'maxOffset', 'by', 'minCohortSize', 'minCellSize', 'mode', 'cohortBy', 'events', 'timeZone', 'maxSegments', 'keepSegments'],
  npsTrend: ['period', 'from', 'to', 'by', 'rolling', 'timeZone', 'minCellSize', 'maxSegments', 'keepSegments'],
  channelCsat: ['by', 'from', 'to', 'period', 'satisfiedMin', 'scale', 'timeZone', 'minCellSize', 'maxSegments', 'keepSegments'],
  ticketStats: ['by', 'from', 'to', 'period', 'timeZone', 'minCellSize', 'maxSegments', 'keepSegments'],
  funnel: ['steps', 'window', 'order', 'from', 'to', 'by', 'timeZone', 'minCellSize', 'minSample', 'maxSegments', 'keepSegments'],
  featureAdoption: ['features', 'period', 'from', 'to', 'by', 'activeEvents', 'timeZone', 'minCellSize', 'compare', 'minSample', 'maxSegments', 'keepSegments'],
  kpis: ['from', 'to', 'activationWindow', 'activationEvents', 'features', 'satisfiedMin', 'period', 'timeZone', 'minCellSize', 'minSample', 'metrics'],
  extent: ['table', 'column', 'kind', 'minCellSize'],
  atRisk: ['asOf', 'signals', 'events', 'gapFactor', 'minQuietDays', 'minGaps', 'ticketDays', 'npsDays', 'minSignals', 'by', 'value'],
};
