// The words of <pulso-kpi> in English: each card's name, what its n counts
// (with a singular for 1), how its change reads in a sentence, and the direction
// words that back the colour of the delta (never colour alone, DESIGN.md §3.9).
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import type { Locale } from '../../src/i18n/messages.js';
import { plural } from '../../src/i18n/format-intl.js';
import type { KpiMetric } from '../../src/metrics/kpis.js';
import { localeTranslator } from '../shared/strings.js';

const en = {
  churnRate: 'Churn rate',
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'Customer effort (CES)',
  fcr: 'First-contact resolution',
  firstResponseMedian: 'Median first response',
  resolutionMedian: 'Median resolution time',
  ticketVolume: 'Tickets opened',
  activation: 'Activation',
  adoption: 'Feature adoption',
  adoptionOf: 'Adoption of {features}',
  // What n counts, by the unit of the card: {n} is formatted.
  customersActive_one: 'of {n} customer active at the start',
  customersActive_other: 'of {n} customers active at the start',
  answers_one: 'of {n} answer',
  answers_other: 'of {n} answers',
  resolved_one: 'of {n} resolved ticket',
  resolved_other: 'of {n} resolved tickets',
  responded_one: 'over {n} ticket with a response',
  responded_other: 'over {n} tickets with a response',
  signups_one: 'of {n} new customer',
  signups_other: 'of {n} new customers',
  active_one: 'of {n} active customer',
  active_other: 'of {n} active customers',
  days_one: 'the previous day',
  days_other: 'the previous {n} days',
  previousRange: 'the previous period',
  vs: 'vs {previous}',
  better: 'better than {previous}',
  worse: 'worse than {previous}',
  same: 'about the same as {previous}',
  unjudged: 'changed since {previous}',
  noPrevious: 'no value for {previous} to compare with',
  betterWord: 'better',
  worseWord: 'worse',
  sameWord: 'no meaningful change',
  unjudgedWord: 'not rated better or worse',
  up: 'up {delta}',
  down: 'down {delta}',
  unchanged: 'unchanged',
  points_one: '{n} point',
  points_other: '{n} points',
  pp_one: '{n} percentage point',
  pp_other: '{n} percentage points',
  tickets_one: '{n} ticket',
  tickets_other: '{n} tickets',
  summary: '{metric} is {value}, {change} from {previous} ({judgement}).',
  summaryNoPrevious: '{metric} is {value}; there is no value for {previous} to compare with.',
  summaryHidden: '{metric} is hidden: it counts fewer than {k} people, too few to show without identifying them.',
  summaryNone: '{metric} has no value in this range.',
  hiddenValue: 'Hidden: fewer than {k} in this range',
  period: 'Period',
  range: 'Range',
  current: 'This range',
  previous: 'Previous range',
  value: 'Value',
  n: 'Count',
  change: 'Change',
  spark: '{metric} by {unit}',
  unitday: 'day',
  unitweek: 'week',
  unitmonth: 'month',
  unitquarter: 'quarter',
  unityear: 'year',
  pointLabel: '{period}: {value}',
  pointCount: '{count}',
  pointHidden: '{period}: hidden, fewer than {k}',
  pointPartial: '(partial period)',
  emptyCustomers: 'No customers in this range',
  emptySurveys: 'No answers in this range',
  emptyTickets: 'No tickets in this range',
  emptyActivity: 'No activity in this range',
  emptyCustomersFiltered: 'No customers for {filters}.',
  emptySurveysFiltered: 'No answers for {filters}.',
  emptyTicketsFiltered: 'No tickets for {filters}.',
  emptyActivityFiltered: 'No activity for {filters}.',
  showTable: 'Show table',
  download: 'Download',
  evidenceReal: 'Likely a real change ({interval})',
  evidenceChance: 'Could be chance ({interval})',
  evidenceTooFew: 'Too few to compare (fewer than {n} in a range)',
  sameChance: 'not clearly different from {previous}: it could be chance',
  sameTooFew: 'too few to compare with {previous}',
  chanceWord: 'could be chance',
  tooFewWord: 'too few to compare',
  realWord: 'likely real',
  pts: 'pts',
  ciLow: '95% CI low',
  ciHigh: '95% CI high',
  changeCi: 'Change, 95% CI and test',
  verdict: 'Verdict',
};

export type Key = keyof typeof en;

export type KpiStringKey = Key;

export const tk = localeTranslator<Key>('kpi', en);

type Countable = 'customersActive' | 'answers' | 'resolved' | 'responded' | 'signups' | 'active' | 'days'
  | 'points' | 'pp' | 'tickets';

/** A counted phrase in the locale's singular or plural: `{n}` is `text`, chosen by the number `n`. */
export function tkCount(locale: Locale, key: Countable, n: number, text: string): string {
  const form = plural(locale, Math.abs(n)) === 'one' ? 'one' : 'other';
  return tk(locale, `${key}_${form}`, { n: text });
}

/** What each card's n counts; null when n says nothing new (ticket volume is its own n). */
export const N_NOUN: Readonly<Record<KpiMetric, Countable | null>> = {
  churnRate: 'customersActive',
  nps: 'answers',
  csat: 'answers',
  ces: 'answers',
  fcr: 'resolved',
  firstResponseMedian: 'responded',
  resolutionMedian: 'resolved',
  ticketVolume: null,
  activation: 'signups',
  adoption: 'active',
};
