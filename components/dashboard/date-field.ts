// A date field in the page's locale (01/11/2025 on a pt-BR page): a text input, since
// a native <input type="date"> shows the browser's format whatever the page's language.
// Typed dates are read in the locale's order (src/i18n/date-text.ts); a date that is not
// one is refused with a translated message tied to the field (aria-invalid,
// aria-describedby), and the filter keeps its value until a real date is typed.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import { datePattern, formatDateText, parseDateText } from '../../src/i18n/date-text.js';
import { td } from './strings.js';

export interface DateFieldOptions {
  /** Names the field's parts (`from` → ids `date-from`, `date-from-error`). */
  name: string;
  label: string;
  locale: Locale;
  /** The ISO date shown (`YYYY-MM-DD`), or '' for none. */
  value: string;
  /** The field holds text that is not a date. */
  invalid: boolean;
  /** A real date ('' when cleared). */
  onDate: (iso: string) => void;
  onInvalid: () => void;
}

export function renderDateField(o: DateFieldOptions): TemplateResult {
  const pattern = datePattern(o.locale);
  const error = `date-${o.name}-error`;
  const onChange = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const iso = parseDateText(input.value, o.locale);
    if (iso === null) {
      o.onInvalid();
      return;
    }
    // Written back the way the locale writes it (1/11/2025 → 01/11/2025).
    input.value = formatDateText(iso, o.locale);
    o.onDate(iso);
  };
  return html`<span class="date-field">
    <label>${o.label}
      <input type="text" class="date" inputmode="numeric" autocomplete="off" spellcheck="false" size="10"
        data-date=${o.name} placeholder=${pattern.placeholder} title=${pattern.placeholder}
        .value=${formatDateText(o.value, o.locale)} aria-invalid=${o.invalid ? 'true' : 'false'}
        aria-describedby=${o.invalid ? error : nothing} @change=${onChange} />
    </label>
    ${o.invalid
      ? html`<span id=${error} class="date-error" role="alert">${td(o.locale, 'badDate', {
          pattern: pattern.placeholder,
          example: formatDateText('2025-11-01', o.locale),
        })}</span>`
      : nothing}
  </span>`;
}
