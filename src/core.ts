// `pulso/core`: the DOM-free core, usable in Node and in any page (named re-exports only).
export { TABLE_NAMES, SCHEMA, SURVEY_SCALES } from './data/schema.js';
export type {
  TableName,
  Row,
  TableInput,
  Tables,
  NormalizedTables,
  Problem,
  ProblemSample,
  ProblemCount,
  ValidationReport,
  SurveyKind,
} from './data/schema.js';
export { validate, mergeReports } from './data/validate.js';
export type { ValidateOptions, ValidationResult } from './data/validate.js';
export { frameOf } from './data/frame.js';
export type { Frame, Dictionary } from './data/frame.js';
export { loadTables } from './data/load.js';
export type { LoadOptions } from './data/load.js';
export { applyFieldMap, toTable } from './data/fields.js';

export * from './adapters/index.js';
export * from './time/index.js';

export { LOCALES, resolveLocale } from './i18n/messages.js';
export type { Locale } from './i18n/messages.js';
export { reportNotices } from './i18n/report.js';
export { BUILT_IN_LABELS, resolveColumnLabel, resolveLabel } from './i18n/labels.js';
export type { LabelText, Labels } from './i18n/labels.js';

// Metrics (SPEC §3): pure functions over the canonical tables.
export { retention } from './metrics/retention.js';
export type { RetentionOptions, RetentionRow, RetentionResult, RetentionExcluded, RetentionMode, CohortBy } from './metrics/retention.js';
export { npsTrend } from './metrics/nps.js';
export type { NpsTrendOptions, NpsTrendRow } from './metrics/nps.js';
export { channelCsat } from './metrics/csat.js';
export type { ChannelCsatOptions, ChannelCsatRow } from './metrics/csat.js';
export { ticketStats } from './metrics/tickets.js';
export type { TicketStatsOptions, TicketStatsRow } from './metrics/tickets.js';
export { funnel } from './metrics/funnel.js';
export type { FunnelOptions, FunnelRow, FunnelOrder } from './metrics/funnel.js';
export { featureAdoption, compareAdoption } from './metrics/adoption.js';
export type { AdoptionOptions, AdoptionRow, AdoptionCompare } from './metrics/adoption.js';
export { kpis, KPI_METRICS } from './metrics/kpis.js';
export type { KpiOptions, KpiRow, KpiPoint, KpiMetric } from './metrics/kpis.js';
export { extent } from './metrics/extent.js';
export type { ExtentOptions, ExtentRow } from './metrics/extent.js';
export { survival, survivalSummary } from './metrics/survival.js';
export type { SurvivalOptions, SurvivalUnit, SurvivalRow, SurvivalResult, SurvivalSummary, SurvivalGroupSummary, SurvivalExcluded, LogRank } from './metrics/survival.js';
export { valueConcentration, paretoCurve } from './metrics/value.js';
export type { ValueOptions, ValueConcentrationRow, ParetoPoint } from './metrics/value.js';
export { atRisk, atRiskTotals } from './metrics/at-risk.js';
export type { AtRiskOptions, AtRiskRow, AtRiskSignal, AtRiskTotals } from './metrics/at-risk.js';
export { values } from './metrics/values.js';
export type { ValuesOptions, ValuesRow } from './metrics/values.js';
export { wilson, npsScore, twoProportionTest } from './metrics/stats.js';
export { compareProportions, adjustPValues } from './metrics/compare.js';
export type { CompareOptions, PairedCounts, Proportion, ProportionComparison, ProportionTest } from './metrics/compare.js';
export { suppressCells } from './metrics/suppress.js';

// Queries (SPEC §6): a plain JSON { metric, options, filters? }, checked before any load.
export { runQuery, runOnFrames, queryTables } from './query/run.js';
export type { QueryResult } from './query/run.js';
export { validateQuery } from './query/validate.js';
export { queryKey, METRIC_NAMES } from './query/types.js';
export type { MetricName, MetricQuery, QueryFilter, ValuesFilter, RangeFilter } from './query/types.js';
export { METRICS } from './query/registry.js';
export type { MetricEntry, MetricTables } from './query/registry.js';
export { filterFrames } from './query/filter.js';
export type { Frames, FilteredFrames } from './query/filter.js';
export { frameView } from './data/frame-view.js';
export * from './cache/index.js';

// The coordinator (SPEC §6): queries to rows through the adapter, the cache and the table store.
export * from './source/index.js';
