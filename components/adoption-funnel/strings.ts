// The words of <pulso-adoption-funnel> in English: funnel mode (steps,
// conversion, drop-off, time to convert, segment differences) and feature mode
// (adoption of each feature over periods).
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
  heading: 'Onboarding funnel',
  headingFeatures: 'Feature adoption',
  empty: 'Nobody started this funnel in this range',
  emptyFeatures: 'No active customers in this range',
  emptyFiltered: 'No customers for {filters}.',
  noSteps: 'Set the funnel steps: steps="signup,first_login,teleconsult".',
  noFeatures: 'Set the features to follow: features="teleconsult,lab_results".',
  step: 'Step',
  index: '#',
  segment: 'Segment',
  entered: 'Customers',
  conversion: 'Conversion from first step',
  fromPrevious: 'From previous step',
  dropOff: 'Drop-off',
  medianTime: 'Median time to convert',
  pValue: 'p-value (before adjustment)',
  period: 'Period',
  feature: 'Feature',
  active: 'Active customers',
  adopters: 'Adopters',
  adoption: 'Adoption',
  adoptionAxis: 'Adoption (share of active customers)',
  significant: 'Likely a real difference from the other segments (q < 0.05 over {m} comparisons)',
  significantFeatures: 'Likely different from {feature} among the same customers (q < 0.05 over {m} comparisons)',
  tooFewKey: 'Groups of fewer than {n} customers are not compared',
  significantShort: 'likely a real difference from the other segments',
  significantFeature: 'likely different from {feature}',
  versusOthers: 'Against the other segments',
  versusFeature: 'Against {feature}',
  verdict: 'Verdict',
  reference: 'the reference the other features are compared with',
  barValue: '{rate} · {n}',
  stepInfo: '−{drop} ({rate}) from previous · median {time}',
  stepInfoNoTime: '−{drop} ({rate}) from previous',
  stepInfoShort: '−{drop} ({rate}) · median {time}',
  barLabel: 'Step {index}, {step}: {n} customers, {rate} of the first step',
  barLabelPrev: ', {prev} of the previous step, {drop} dropped off',
  barLabelTime: ', median time to convert {time}',
  barHidden: 'Step {index}, {step}: hidden, fewer than {k} customers',
  pointLabel: '{series}, {period}: {rate} adoption, {adopters} of {active} active customers',
  pointHidden: '{series}, {period}: hidden, fewer than {k} customers',
  summaryFunnel: 'Of {n} customers who reached {first}, {rate} reached {last}.',
  summarySegments: 'Conversion from {first} to {last}: {list}.',
  summaryDrop: 'The biggest drop is from {from} to {to}: {drop} customers ({rate}) did not continue.',
  summarySignificant: '{n} of {m} differences are likely real (q < 0.05).',
  summaryFeatures: 'Adoption over {periods} periods, {first} to {last}.',
  summaryLatest: 'In {period}: {list}.',
  view: 'Show',
  viewFeature: 'Compare segments for {feature}',
  viewSegment: 'Compare features in {segment}',
  xAxis: 'Share of customers who reached the first step',
};

export type Key = keyof typeof en;

export const ta = localeTranslator('adoption-funnel', en);
export type AdoptionFunnelKey = Key;
