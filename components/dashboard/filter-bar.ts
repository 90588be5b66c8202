// The dashboard's filter bar: date range, period, segment attribute and value,
// the active filters as removable chips, clear-all and reload. Native controls (the
// dates: text fields in the page's locale, date-field.ts), so keyboard and screen
// readers work as users expect; text only via bindings.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Locale } from '../../src/i18n/messages.js';
import { PERIODS } from '../../src/time/period.js';
import { segmentLabel } from '../shared/strings.js';
import { columnName } from '../shared/labels.js';
import { renderDateField } from './date-field.js';
import { td } from './strings.js';

export interface Chip {
  id: string;
  label: string;
  /** How many charts it filters ("filters 4 of 9 charts"), once they have said. */
  reach?: string;
  onRemove: () => void;
}

export interface FilterPatch {
  from?: string;
  to?: string;
  period?: string;
  segmentBy?: string;
  segment?: string;
}

export type DateName = 'from' | 'to';

export interface FilterBarOptions {
  locale: Locale;
  from?: string;
  to?: string;
  period?: string;
  segmentBy?: string;
  segment?: string;
  segmentOptions: readonly string[];
  segmentValues: readonly string[];
  chips: readonly Chip[];
  hasCross: boolean;
  onChange: (patch: FilterPatch) => void;
  /** The date fields holding text that is not a date. */
  badDates?: Partial<Record<DateName, boolean>>;
  /** A real date was typed in a date field (the patch sets the range). */
  onDate: (field: DateName, patch: FilterPatch) => void;
  onBadDate: (field: DateName) => void;
  onClear: () => void;
  onRefresh: () => void;
}

/** `2025-03-01T00:00:00Z` → `2025-03-01`, what a date input shows; anything else → ''. */
export function dateValue(value: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value ?? '');
  return m ? m[1] : '';
}

/** A date moved by whole days (`to` is exclusive: the input shows its last included day). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const valueOf = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;

export function renderFilterBar(o: FilterBarOptions): TemplateResult {
  const l = o.locale;
  const byChoices = [...new Set([...o.segmentOptions, ...(o.segmentBy ? [o.segmentBy] : [])])];
  return html`<section part="filters" class="bar" aria-label=${td(l, 'filters')}>
      ${renderDateField({
        name: 'from', label: td(l, 'from'), locale: l, value: dateValue(o.from), invalid: o.badDates?.from === true,
        onDate: (iso) => o.onDate('from', { from: iso || undefined }),
        onInvalid: () => o.onBadDate('from'),
      })}
      ${renderDateField({
        name: 'to', label: td(l, 'to'), locale: l, value: dateValue(o.to) && shiftDate(dateValue(o.to), -1), invalid: o.badDates?.to === true,
        onDate: (iso) => o.onDate('to', { to: iso ? shiftDate(iso, 1) : undefined }),
        onInvalid: () => o.onBadDate('to'),
      })}
      <label>${td(l, 'period')}
        <select @change=${(e: Event) => o.onChange({ period: valueOf(e) })}>
          ${PERIODS.map((p) => html`<option value=${p} ?selected=${(o.period ?? 'month') === p}>${td(l, p)}</option>`)}
        </select>
      </label>
      ${byChoices.length
        ? html`<label>${td(l, 'segmentBy')}
              <select @change=${(e: Event) => o.onChange({ segmentBy: valueOf(e) || undefined, segment: undefined })}>
                <option value="" ?selected=${!o.segmentBy}>${td(l, 'none')}</option>
                ${byChoices.map((b) => html`<option value=${b} ?selected=${o.segmentBy === b}>${columnName(l, b)}</option>`)}
              </select>
            </label>
            <label>${td(l, 'segment')}
              <select ?disabled=${!o.segmentBy} @change=${(e: Event) => o.onChange({ segment: valueOf(e) || undefined })}>
                <option value="" ?selected=${!o.segment}>${td(l, 'all')}</option>
                ${o.segmentValues.map((v) => html`<option value=${v} ?selected=${o.segment === v}>${segmentLabel(l, v, o.segmentBy)}</option>`)}
              </select>
            </label>`
        : nothing}
      <button type="button" class="refresh" @click=${() => o.onRefresh()}>${td(l, 'refresh')}</button>
    </section>
    <div part="chips" class="chips">
      ${o.chips.length
        ? html`<ul aria-label=${td(l, 'active')}>
              ${o.chips.map(
                (c) => html`<li class="chip" data-chip=${c.id}>
                  <span>${c.label}</span>
                  ${c.reach ? html`<span class="reach">(${c.reach})</span>` : nothing}
                  <button type="button" aria-label=${td(l, 'remove', { label: c.label })} @click=${() => c.onRemove()}>×</button>
                </li>`,
              )}
            </ul>
            <button type="button" class="clear" @click=${() => o.onClear()}>${td(l, 'clear')}</button>`
        : nothing}
      ${o.hasCross ? nothing : html`<p class="hint">${td(l, 'crossHint')}</p>`}
    </div>`;
}
