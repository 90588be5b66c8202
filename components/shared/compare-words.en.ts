// The words of the 'compare-words' catalog in English: in the en chunk (components/locales/en.ts), loaded
// when an element first speaks English or as the stand-in for a locale whose chunk failed
// (components/shared/catalogs.ts). Its keys are the catalog's keys (compare-words.ts: `Key`).
export const en = {
  interval: '95% CI {low} to {high}',
  withInterval: '{value} (95% CI {low} to {high})',
  difference: '{diff} (95% CI {low} to {high}), {test}',
  fisher: "Fisher's exact test",
  z: 'two-proportion z-test',
  mcnemar: "McNemar's test (the same customers)",
  npsZ: 'z-test on the difference of two NPS',
  meanZ: 'z-test on the difference of two means',
  tooFew: 'too few to compare (fewer than {n} on a side)',
  real: 'likely a real difference (q = {q}, {m} comparisons)',
  realOne: 'likely a real change (p = {p})',
  chance: 'could be chance (q = {q}, {m} comparisons)',
  chanceOne: 'could be chance (p = {p})',
  fewAnswers: 'few answers (fewer than {n}): read the interval, not the point',
  colInterval: '95% CI',
  colLow: '95% CI low',
  colHigh: '95% CI high',
  colDifference: 'Difference (95% CI), test',
  colQ: 'q-value (adjusted)',
  colVerdict: 'Verdict',
  verdictReal: 'likely real',
  verdictChance: 'could be chance',
  verdictTooFew: 'too few to compare',
};
