// The words of <pulso-cohort-churn> in English. Period words come in the
// forms the chart needs: a column heading ("Month 3") and an axis title.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { localeTranslator } from '../shared/strings.js';

const en = {
  heading: 'Retention by signup cohort',
  headingActivity: 'Active customers by cohort',
  headingFirst: 'Retention by first-activity cohort',
  empty: 'No cohorts in this range',
  emptyFiltered: 'No customers in any cohort for {filters}.',
  cohort: 'Cohort',
  size: 'Customers',
  offset: 'Offset',
  retained: 'Retained',
  rate: 'Retention',
  churned: 'Churned',
  churnRate: 'Churn rate',
  returned: 'Change since previous',
  complete: 'Period ended',
  segment: 'Segment',
  retainedOf: '{retained} of {size} ({rate})',
  churnedIn: '{churned} ({rate})',
  average: 'Weighted average',
  cohorts: 'Cohorts',
  heatmap: 'Heatmap',
  curves: 'Curves',
  chartType: 'Chart type',
  summary: '{cohorts} cohorts from {first} to {last}, {customers} customers.',
  summaryAverage: 'Weighted average retention — {points}.',
  cellLabel: 'Cohort {cohort}, {offset}: {rate} retained, {retained} of {size}',
  cellChurn: ', {churned} churned ({churnRate})',
  cellPartial: ', period not ended',
  cellHidden: 'Cohort {cohort}, {offset}: hidden, fewer than {k} customers',
  pointLabel: '{series}, {offset}: {rate} retained, {retained} of {size}',
  bandKey: '95% interval of the average',
  ciLow: '95% CI low',
  ciHigh: '95% CI high',
  noSignup: '{n} customers without a signup date are in no cohort.',
  noSignupOne: '{n} customer without a signup date is in no cohort.',
  noCustomer: '{n} customers with activity but no customer record are in no cohort.',
  noCustomerOne: '{n} customer with activity but no customer record is in no cohort.',
  day: 'Day {k}',
  week: 'Week {k}',
  month: 'Month {k}',
  quarter: 'Quarter {k}',
  year: 'Year {k}',
  axisday: 'Days since signup',
  axisweek: 'Weeks since signup',
  axismonth: 'Months since signup',
  axisquarter: 'Quarters since signup',
  axisyear: 'Years since signup',
  firstday: 'Days since first activity',
  firstweek: 'Weeks since first activity',
  firstmonth: 'Months since first activity',
  firstquarter: 'Quarters since first activity',
  firstyear: 'Years since first activity',
  scrollday: 'Scroll sideways for more days →',
  scrollweek: 'Scroll sideways for more weeks →',
  scrollmonth: 'Scroll sideways for more months →',
  scrollquarter: 'Scroll sideways for more quarters →',
  scrollyear: 'Scroll sideways for more years →',
};

export type Key = keyof typeof en;

export const tc = localeTranslator('cohort-churn', en);

export const offsetKey = (period: Period): Key => period;
/** The offset axis title: since signup, or since first activity for first-activity cohorts. */
export const scrollKey = (period: Period): Key => `scroll${period}`;
export const axisKey = (period: Period, firstActivity = false): Key => (firstActivity ? `first${period}` : `axis${period}`);

/** "Month 3", "Semana 3"…: the heading of offset `k`. */
export function offsetLabel(locale: Locale, period: Period, k: number): string {
  return tc(locale, offsetKey(period), { k });
}
