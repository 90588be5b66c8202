// The words of <pulso-dashboard>'s filter bar in English.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
  filters: 'Filters',
  from: 'From',
  to: 'To',
  period: 'Period',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  segmentBy: 'Segment by',
  segment: 'Segment',
  none: 'None',
  all: 'All',
  active: 'Active filters',
  remove: 'Remove filter: {label}',
  clear: 'Clear all filters',
  refresh: 'Reload data',
  cohort: 'Cohort',
  channel: 'Channel',
  step: 'Step',
  feature: 'Feature',
  periodChip: 'Period',
  crossHint: 'Choose a cohort, channel or step in a chart to filter the others.',
  announce: 'Filters changed: {list}',
  announceNone: 'All filters cleared',
  cohortFirst: 'First-activity cohort',
  reach: 'filters {n} of {of} charts',
  badSetting: 'A setting of this dashboard is not valid.',
  badDate: 'Type a date as {pattern}, for example {example}.',
};

export type Key = keyof typeof en;

export const td = localeTranslator('dashboard', en);
export type DashboardKey = Key;
