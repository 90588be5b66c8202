// Calendar dates typed and shown in the page's locale (01/11/2025 on a pt-BR page,
// 11/01/2025 on an en page), whatever the browser's own language: a native
// <input type="date"> follows the browser, so the dashboard uses a text field with
// these. Pure: the order of day, month and year comes from Intl, the values are ISO
// dates (`YYYY-MM-DD`).
import type { Locale } from './messages.js';

export type DatePart = 'day' | 'month' | 'year';

export interface DatePattern {
  /** The order the parts are written in. */
  order: readonly DatePart[];
  separator: string;
  /** What a person types, e.g. `dd/mm/aaaa` (translated letters). */
  placeholder: string;
}

const LETTERS: Readonly<Record<Locale, Readonly<Record<DatePart, string>>>> = {
  en: { day: 'dd', month: 'mm', year: 'yyyy' },
  'pt-BR': { day: 'dd', month: 'mm', year: 'aaaa' },
  es: { day: 'dd', month: 'mm', year: 'aaaa' },
};

const memo = new Map<Locale, DatePattern>();

/** The locale's numeric date pattern, from Intl (day/month order and separator). */
export function datePattern(locale: Locale): DatePattern {
  let p = memo.get(locale);
  if (!p) {
    const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(0);
    const order = parts.map((x) => x.type).filter((x): x is DatePart => x === 'day' || x === 'month' || x === 'year');
    const separator = parts.find((x) => x.type === 'literal')?.value ?? '/';
    p = { order, separator, placeholder: order.map((part) => LETTERS[locale][part]).join(separator) };
    memo.set(locale, p);
  }
  return p;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2025-11-01` → `01/11/2025` (pt-BR), `11/01/2025` (en); '' for anything else. */
export function formatDateText(iso: string | undefined, locale: Locale): string {
  const m = ISO.exec(iso ?? '');
  if (!m) return '';
  const values: Record<DatePart, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  const p = datePattern(locale);
  return p.order.map((part) => values[part]).join(p.separator);
}

function validDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * What a person typed, in the locale's order, as an ISO date: `1/11/2025`, `01-11-2025`
 * and `01.11.2025` all read `2025-11-01` on a pt-BR page. '' for empty text; null for
 * text that is not a real date in that order (31/02/2025, 2025/11/01, 11/2025).
 */
export function parseDateText(text: string, locale: Locale): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const pieces = trimmed.split(/[\s/.-]+/);
  if (pieces.length !== 3 || !pieces.every((x) => /^\d+$/.test(x))) return null;
  const values: Partial<Record<DatePart, string>> = {};
  datePattern(locale).order.forEach((part, i) => (values[part] = pieces[i]));
  const { year, month, day } = values as Record<DatePart, string>;
  if (year.length !== 4 || month.length > 2 || day.length > 2) return null;
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  if (y < 1000 || !validDay(y, mo, d)) return null;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
