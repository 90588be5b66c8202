// <pulso-value> in words: how much of the value the top fraction of customers brings.
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';
import { segmentLabel } from '../shared/strings.js';
import { shareWords, valueWords } from './pareto-view.js';
import { tv } from './strings.js';
import type { ValueViewResult } from './types.js';

export function valueSummary(r: ValueViewResult, locale: Locale, f: Formatters): string {
  const shown = r.rows.filter((row) => !row.suppressed && row.topShare !== null);
  const value = valueWords(locale, r.value);
  const top = shareWords(f, r.top);
  const excluded = r.rows.reduce((sum, row) => sum + (row.excluded ?? 0), 0);
  const note = excluded > 0 ? ` ${tv(locale, 'excludedNote', { n: f.number(excluded) })}` : '';
  if (!shown.length) return tv(locale, 'empty') + note;
  if (r.by === undefined) {
    const row = shown[0];
    return tv(locale, 'summary', { top, share: f.percent(row.topShare, 0), value, gini: f.number(row.gini, 2), n: f.number(row.customers) }) + note;
  }
  const list = f.list(shown.map((row) => tv(locale, 'segmentShare', { share: f.percent(row.topShare, 0), segment: segmentLabel(locale, row.segment ?? '') })));
  return tv(locale, 'summarySegments', { top, list, value }) + note;
}
