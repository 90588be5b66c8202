// The words of <pulso-cohort-churn>. Period words come in the
// forms the chart needs: a column heading ("Month 3") and an axis title.
// The words: strings.en.ts, strings.pt-BR.ts, strings.es.ts, each loaded on first use (shared/catalogs.ts).
import type { Locale } from '../../src/i18n/messages.js';
import type { Period } from '../../src/time/period.js';
import { localeTranslator } from '../shared/strings.js';
import type { en } from './strings.en.js';

export type Key = keyof typeof en;

export const tc = localeTranslator<Key>('cohort-churn');

export const offsetKey = (period: Period): Key => period;
/** The offset axis title: since signup, or since first activity for first-activity cohorts. */
export const scrollKey = (period: Period): Key => `scroll${period}`;
export const axisKey = (period: Period, firstActivity = false): Key => (firstActivity ? `first${period}` : `axis${period}`);

/** "Month 3", "Semana 3"…: the heading of offset `k`. */
export function offsetLabel(locale: Locale, period: Period, k: number): string {
  return tc(locale, offsetKey(period), { k });
}
