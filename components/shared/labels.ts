// Where every name on screen and in exports is resolved (SPEC §4 "Labels"). Labels come
// from the element, else its dashboard, else `registerLabels` (page-wide), else the
// built-in names. Draw, table, tooltip and export code asks `segmentLabel(locale, value)`
// without carrying labels through every function: the element opens a naming scope for
// the synchronous time it renders, builds a tooltip or a table, and names resolve in it.
import { BUILT_IN_LABELS, isLabels, resolveColumnLabel, resolveLabel } from '../../src/i18n/labels.js';
import type { LabelText, Labels } from '../../src/i18n/labels.js';
import type { Locale } from '../../src/i18n/messages.js';

export type { LabelText, Labels } from '../../src/i18n/labels.js';

/** The event elements listen to so that names registered after they drew show at once. */
export const LABELS_CHANGE = 'pulso-labels-change';

const page: Record<string, Record<string, LabelText>> = {};
const changes = new EventTarget();

/**
 * Sets names page-wide, for every element without a label of its own for that value.
 * Several calls add up (a later name for the same value replaces the earlier one).
 */
export function registerLabels(labels: Labels): void {
  if (!isLabels(labels)) throw new TypeError('registerLabels: labels must be { column: { value: name } }');
  for (const [column, names] of Object.entries(labels)) page[column] = { ...page[column], ...names };
  changes.dispatchEvent(new Event(LABELS_CHANGE));
}

/** Calls `listener` on every `registerLabels`; returns the function that stops it. */
export function onLabelsChange(listener: () => void): () => void {
  changes.addEventListener(LABELS_CHANGE, listener);
  return () => changes.removeEventListener(LABELS_CHANGE, listener);
}

/** The `labels` attribute: JSON of the labels' shape; anything else is ignored with a console warning. */
export const labelsConverter = {
  fromAttribute(value: string | null): Labels | undefined {
    if (value === null || value.trim() === '') return undefined;
    try {
      const parsed: unknown = JSON.parse(value);
      if (isLabels(parsed)) return parsed;
    } catch {
      // reported below
    }
    console.warn('pulso: the labels attribute is not JSON of the form {"column": {"value": "name"}}; it is ignored.');
    return undefined;
  },
};

/** The names in force where something is drawn: its own levels, and the column its segments come from. */
export interface Naming {
  /** From the most specific: the element's labels, then its dashboard's. */
  levels: readonly (Labels | undefined)[];
  /** The column of the values a widget calls its segments (`by`, or `channel`). */
  column?: string;
}

let scope: Naming = { levels: [] };

/** Runs `fn` with `naming` in force: every name it resolves uses those labels. */
export function withNaming<T>(naming: Naming, fn: () => T): T {
  const outer = scope;
  scope = naming;
  try {
    return fn();
  } finally {
    scope = outer;
  }
}

const levelsOf = (naming: Naming) => [...naming.levels, page, BUILT_IN_LABELS];

/** The name of `value` of `column` (default: the scope's segment column) in `locale`. */
export function nameOf(locale: Locale, value: string, column: string | undefined = scope.column): string {
  return resolveLabel(levelsOf(scope), locale, column, value);
}

/** The name of a column (`age_band` → "Faixa etária") in `locale`. */
export function columnName(locale: Locale, column: string): string {
  return resolveColumnLabel(levelsOf(scope), locale, column);
}

/**
 * A column's name inside a sentence ("plano Essencial", "nota fora da escala"): its
 * label, lower-cased when it reads as a capitalised word rather than an acronym ("ID").
 */
export function columnWords(locale: Locale, column: string): string {
  const name = columnName(locale, column);
  return /^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase(locale) + name.slice(1) : name;
}
