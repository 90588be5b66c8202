// Metric name → its SQL compiler: every metric of SPEC §3 (survival and value too),
// atRisk, extent and values.
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
import { compileSurvival } from './survival.js';
import { compileTickets } from './tickets.js';
import { compileValue } from './value.js';
import { compileValues } from './values.js';

export const COMPILERS: Partial<Record<MetricName, MetricCompiler>> = {
  retention: compileRetention,
  npsTrend: compileNps,
  channelCsat: compileCsat,
  ticketStats: compileTickets,
  funnel: compileFunnel,
  featureAdoption: compileAdoption,
  kpis: compileKpis,
  extent: compileExtent,
  survival: compileSurvival,
  survivalSummary: compileSurvival,
  valueConcentration: compileValue,
  paretoCurve: compileValue,
  values: compileValues,
  atRisk: compileAtRisk,
};

const SURVIVAL = ['asOf', 'from', 'to', 'by', 'unit', 'minGroupSize', 'minCellSize'];
/** Both value metrics take every option of checkValueOptions (each ignores the other's). */
const VALUE = ['value', 'top', 'by', 'asOf', 'points', 'minCellSize'];

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
  survival: SURVIVAL,
  survivalSummary: SURVIVAL,
  valueConcentration: VALUE,
  paretoCurve: VALUE,
  values: ['table', 'column', 'minCellSize'],
  atRisk: ['asOf', 'signals', 'events', 'gapFactor', 'minQuietDays', 'minGaps', 'ticketDays', 'npsDays', 'minSignals', 'by', 'value', 'limit'],
};
