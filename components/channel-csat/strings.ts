// The words of <pulso-channel-csat>. Column headers come in two
// lines (a short name, then a hint such as "lower = better") because they sit
// above narrow columns; the table view uses the long forms.
// The words: strings.en.ts, strings.pt-BR.ts, strings.es.ts, each loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';
import type { en } from './strings.en.js';

export type Key = keyof typeof en;

export const tc = localeTranslator<Key>('channel-csat');
export type CsatKey = Key;
