// The words of the widgets’ comparisons (tests, intervals, verdicts) in Brazilian Portuguese: in the pt-BR chunk (components/locales/pt-BR.ts),
// loaded when an element first speaks pt-BR (catalogs.ts).
import type { Key } from './compare-words.js';

export const ptBR: Record<Key, string> = {
  interval: 'IC 95% {low} a {high}',
  withInterval: '{value} (IC 95% {low} a {high})',
  difference: '{diff} (IC 95% {low} a {high}), {test}',
  fisher: 'teste exato de Fisher',
  z: 'teste z de duas proporções',
  mcnemar: 'teste de McNemar (os mesmos clientes)',
  npsZ: 'teste z da diferença entre dois NPS',
  meanZ: 'teste z da diferença entre duas médias',
  tooFew: 'poucos dados para comparar (menos de {n} em um dos lados)',
  real: 'provavelmente uma diferença real (q = {q}, {m} comparações)',
  realOne: 'provavelmente uma mudança real (p = {p})',
  chance: 'pode ser acaso (q = {q}, {m} comparações)',
  chanceOne: 'pode ser acaso (p = {p})',
  fewAnswers: 'poucas respostas (menos de {n}): leia o intervalo, não o ponto',
  colInterval: 'IC 95%',
  colLow: 'IC 95% inferior',
  colHigh: 'IC 95% superior',
  colDifference: 'Diferença (IC 95%), teste',
  colQ: 'Valor-q (ajustado)',
  colVerdict: 'Conclusão',
  verdictReal: 'provavelmente real',
  verdictChance: 'pode ser acaso',
  verdictTooFew: 'poucos dados para comparar',
};
