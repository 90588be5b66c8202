// The words of <pulso-kpi>: each card's name, what its n counts
// (with a singular for 1), how its change reads in a sentence, and the direction
// words that back the colour of the delta (never colour alone, DESIGN.md §3.9).
// The words: strings.en.ts, strings.pt-BR.ts, strings.es.ts, each loaded on first use (shared/catalogs.ts).
import type { Locale } from '../../src/i18n/messages.js';
import { plural } from '../../src/i18n/format-intl.js';
import type { KpiMetric } from '../../src/metrics/kpis.js';
import { localeTranslator } from '../shared/strings.js';
import type { en } from './strings.en.js';

export type Key = keyof typeof en;

export type KpiStringKey = Key;

export const tk = localeTranslator<Key>('kpi');

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
