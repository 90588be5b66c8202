// The words of <pulso-survival> in English.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
  heading: 'How long customers stay',
  empty: 'No customers signed up in this period',
  emptyFiltered: 'No customers for {filters}.',
  segment: 'Segment',
  time: 'Time',
  atRisk: 'At risk',
  atRiskTitle: 'Customers at risk',
  events: 'Churned',
  churnedSoFar: 'Churned so far',
  censored: 'Still here (censored)',
  survival: 'Still customers',
  ciLow: '95% CI low',
  ciHigh: '95% CI high',
  interval: '95% interval',
  intervalValue: '{low} to {high}',
  median: 'Median',
  medianAt: 'median {value}',
  notReached: 'not reached',
  half: '50%',
  all: 'All customers',
  day: '{n} days',
  dayOne: '{n} day',
  week: '{n} weeks',
  weekOne: '{n} week',
  month: '{n} months',
  monthOne: '{n} month',
  axisday: 'Days since signup',
  axisweek: 'Weeks since signup',
  axismonth: 'Months since signup',
  censorKey: 'Still here at the date of the data',
  pointLabel: '{series}after {time}: {survival} still customers, 95% interval {low} to {high}, {atRisk} at risk',
  sooner: 'Customers with {column} {segment} leave sooner: median {a} vs {b} ({other}); log-rank p {p}.',
  soonerNotReached: 'Customers with {column} {segment} leave sooner: median {a}, while {other} has not reached half; log-rank p {p}.',
  noDifference: 'No clear difference in how long the segments stay (log-rank p {p}). Medians: {list}.',
  soonerSame: 'The segments differ (log-rank p {p}). Medians: {list}.',
  single: 'Half of the customers have left by {median} after signing up ({n} customers, {events} churned).',
  singleNotReached: 'More than half of the customers are still here ({n} customers, {events} churned).',
  hiddenGroups: 'Not shown, fewer than {k} customers: {list}.',
  pBelow: '< {p}',
  pEqual: '= {p}',
};

export type Key = keyof typeof en;

export const ts = localeTranslator('survival', en);
export type SurvivalKey = Key;
