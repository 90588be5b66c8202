// The words of <pulso-adoption-funnel>: funnel mode (steps,
// conversion, drop-off, time to convert, segment differences) and feature mode
// (adoption of each feature over periods).
// The words: strings.en.ts, strings.pt-BR.ts, strings.es.ts, each loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';
import type { en } from './strings.en.js';

export type Key = keyof typeof en;

export const ta = localeTranslator<Key>('adoption-funnel');
export type AdoptionFunnelKey = Key;
