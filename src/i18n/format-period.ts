// Labels for period keys (`YYYY-MM-DD`, SPEC §2). A key already is the local
// calendar date of the period's first day, so it is formatted in UTC whatever
// the dashboard's zone: formatting it in America/Sao_Paulo would shift
// midnight UTC back to the previous day.
import { bucketer } from '../time/period.js';
import type { Period } from '../time/period.js';
import { dateFormat } from './format-intl.js';
import type { Locale } from './messages.js';

export type PeriodStyle = 'short' | 'long';

/** 'Week of …' prefixes; Intl has no week-of phrase. */
const WEEK_OF: Record<Locale, Record<PeriodStyle, string>> = {
  en: { short: 'Week of', long: 'Week of' },
  'pt-BR': { short: 'Semana de', long: 'Semana de' },
  es: { short: 'Semana del', long: 'Semana del' },
};

// Intl formats no quarters, so these are CLDR's own quarter names:
// abbreviated ('Q1', 'T1', 'T1') and wide ('1st quarter', '1º trimestre', '1.er trimestre').
const QUARTERS: Record<Locale, Record<PeriodStyle, readonly string[]>> = {
  en: { short: ['Q1', 'Q2', 'Q3', 'Q4'], long: ['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'] },
  'pt-BR': {
    short: ['T1', 'T2', 'T3', 'T4'],
    long: ['1º trimestre de', '2º trimestre de', '3º trimestre de', '4º trimestre de'],
  },
  es: {
    short: ['T1', 'T2', 'T3', 'T4'],
    long: ['1.er trimestre de', '2.º trimestre de', '3.er trimestre de', '4.º trimestre de'],
  },
};

function dayOptions(style: PeriodStyle): Intl.DateTimeFormatOptions {
  return { timeZone: 'UTC', day: 'numeric', month: style, year: 'numeric' };
}

/**
 * A label for the period starting on `key`: day 'Mar 14, 2025', week 'Week of
 * Mar 3, 2025', month 'Mar 2025', quarter 'Q1 2025', year '2025' (en, short).
 * Throws a RangeError for a key that is malformed or does not start a period
 * of that kind: keys come from a bucketer, so a bad one is a bug to surface.
 */
export function formatPeriod(locale: Locale, key: string, period: Period, style: PeriodStyle = 'short'): string {
  const b = bucketer(period);
  const start = b.start(b.indexOfKey(key));
  switch (period) {
    case 'day':
      return dateFormat(locale, dayOptions(style)).format(start);
    case 'week':
      return `${WEEK_OF[locale][style]} ${dateFormat(locale, dayOptions(style)).format(start)}`;
    case 'month':
      return dateFormat(locale, { timeZone: 'UTC', month: style, year: 'numeric' }).format(start);
    case 'quarter': {
      const q = new Date(start).getUTCMonth() / 3;
      return `${QUARTERS[locale][style][q]} ${yearOf(locale, start)}`;
    }
    case 'year':
      return yearOf(locale, start);
  }
}

function yearOf(locale: Locale, ms: number): string {
  return dateFormat(locale, { timeZone: 'UTC', year: 'numeric' }).format(ms);
}
