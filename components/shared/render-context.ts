// What a widget's draw functions are given, resolved once per render: the locale,
// its formatters in the widget's time zone, and the width the chart may use.
import { formatters } from '../../src/i18n/format.js';
import type { Formatters } from '../../src/i18n/format.js';
import type { Locale } from '../../src/i18n/messages.js';

/** Everything a widget's draw functions need, resolved once per render. */
export interface RenderContext {
  locale: Locale;
  f: Formatters;
  width: number;
}

export function renderContext(
  locale: Locale,
  timeZone: string | undefined,
  width: number,
): RenderContext {
  let f: Formatters;
  try {
    f = formatters(locale, timeZone);
  } catch {
    f = formatters(locale); // a bad zone is reported by the metric, which throws
  }
  return { locale, f, width };
}
