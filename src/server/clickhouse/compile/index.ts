// The metrics the ClickHouse source computes, and the options each takes. A metric not
// listed is refused by name (PushDownError), never answered approximately.
import type { MetricName } from '../../../query/types.js';
import { SQL_OPTIONS } from '../../compile/index.js';
import type { ChMetricCompiler } from './common.js';
import { compileAdoption } from './adoption.js';
import { compileAtRisk } from './at-risk.js';
import { compileCsat } from './csat.js';
import { compileExtent } from './extent.js';
import { compileFunnelFolding } from './funnel-fold.js';
import { compileKpis } from './kpis.js';
import { compileNps } from './nps.js';
import { compileRetention } from './retention.js';
import { compileSurvival } from './survival.js';
import { compileTickets } from './tickets.js';
import { compileValue } from './value.js';
import { compileValues } from './values.js';

export const CH_COMPILERS: Partial<Record<MetricName, ChMetricCompiler>> = {
  extent: compileExtent,
  npsTrend: compileNps,
  channelCsat: compileCsat,
  ticketStats: compileTickets,
  featureAdoption: compileAdoption,
  retention: compileRetention,
  kpis: compileKpis,
  funnel: compileFunnelFolding,
  survival: compileSurvival,
  survivalSummary: compileSurvival,
  valueConcentration: compileValue,
  paretoCurve: compileValue,
  values: compileValues,
  atRisk: compileAtRisk,
};

/** The options each compiled metric takes (the same as the other SQL engines'). */
export const CH_OPTIONS: Partial<Record<MetricName, readonly string[]>> = Object.fromEntries(
  Object.keys(CH_COMPILERS).map((m) => [m, SQL_OPTIONS[m as MetricName] ?? []]),
);
