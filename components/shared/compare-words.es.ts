// The words of the widgets’ comparisons (tests, intervals, verdicts) in Spanish: in the es chunk (components/locales/es.ts),
// loaded when an element first speaks es (catalogs.ts).
import type { Key } from './compare-words.js';

export const es: Record<Key, string> = {
  interval: 'IC 95 % {low} a {high}',
  withInterval: '{value} (IC 95 % {low} a {high})',
  difference: '{diff} (IC 95 % {low} a {high}), {test}',
  fisher: 'prueba exacta de Fisher',
  z: 'prueba z de dos proporciones',
  mcnemar: 'prueba de McNemar (los mismos clientes)',
  npsZ: 'prueba z de la diferencia entre dos NPS',
  meanZ: 'prueba z de la diferencia entre dos medias',
  tooFew: 'muy pocos datos para comparar (menos de {n} en un lado)',
  real: 'probablemente una diferencia real (q = {q}, {m} comparaciones)',
  realOne: 'probablemente un cambio real (p = {p})',
  chance: 'puede ser azar (q = {q}, {m} comparaciones)',
  chanceOne: 'puede ser azar (p = {p})',
  fewAnswers: 'pocas respuestas (menos de {n}): lea el intervalo, no el punto',
  colInterval: 'IC 95 %',
  colLow: 'IC 95 % inferior',
  colHigh: 'IC 95 % superior',
  colDifference: 'Diferencia (IC 95 %), prueba',
  colQ: 'Valor q (ajustado)',
  colVerdict: 'Conclusión',
  verdictReal: 'probablemente real',
  verdictChance: 'puede ser azar',
  verdictTooFew: 'muy pocos datos para comparar',
};
