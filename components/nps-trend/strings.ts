// The words of <pulso-nps-trend> in English.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
  heading: 'NPS over time',
  empty: 'No answers in this period',
  emptyFiltered: 'No NPS answers for {filters}.',
  period: 'Period',
  segment: 'Segment',
  answers: 'Answers',
  promoters: 'Promoters',
  passives: 'Passives',
  detractors: 'Detractors',
  nps: 'NPS',
  ciLow: '95% CI low',
  ciHigh: '95% CI high',
  interval: '95% interval',
  intervalValue: '{low} to {high}',
  target: 'Target {value}',
  mix: 'Answer mix',
  mixScale: 'Answer mix, % of answers',
  mixScaleCounts: 'Answer mix, % of answers (number of answers above each bar)',
  rolling: 'Rolling {w} periods',
  share: '{share} ({count})',
  pointLabel: '{series}{period}: NPS {nps}, 95% interval {low} to {high}, {n} answers',
  gapNote: 'Periods without answers are gaps in the line.',
  summary: 'NPS in {period}: {nps} from {n} answers.',
  summaryRange: 'Over {count} periods it ranged from {min} to {max}.',
  summarySegments: 'Latest NPS by segment: {list}.',
  noAnswers: 'no answers',
  few: 'few answers',
  fewTip: 'Few answers (fewer than {n}): the point is uncertain, whatever its interval says',
  fewKey: 'Hollow point: fewer than {n} answers, no band drawn',
  note: 'Note',
};

export type Key = keyof typeof en;

export const tn = localeTranslator('nps-trend', en);
