// The words of <pulso-nps-trend>.
// The words: strings.en.ts, strings.pt-BR.ts, strings.es.ts, each loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';
import type { en } from './strings.en.js';

export type Key = keyof typeof en;

export const tn = localeTranslator<Key>('nps-trend');
