// The words of the 'reach' catalog in English: in the en chunk (components/locales/en.ts), loaded
// when an element first speaks English or as the stand-in for a locale whose chunk failed
// (components/shared/catalogs.ts). Its keys are the catalog's keys (reach.ts: `Key`).
export const en = {
  notFiltered: 'Not filtered by {list}',
  notFilteredHint: 'The dashboard filter does not apply to this chart’s data.',
  kind_cohort: 'cohort',
  kind_period: 'period',
  kind_channel: 'channel',
  kind_step: 'funnel step',
  kind_feature: 'feature',
  kind_segment: '{column}',
  emptyFiltered: 'Nothing matches the filters ({filters}).',
};
