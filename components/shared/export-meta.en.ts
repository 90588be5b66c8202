// The words of the 'export-meta' catalog in English: in the en chunk (components/locales/en.ts), loaded
// when an element first speaks English or as the stand-in for a locale whose chunk failed
// (components/shared/catalogs.ts). Its keys are the catalog's keys (export-meta.ts: `Key`).
export const en = {
  allData: 'All data',
  rangeBoth: '{from} – {to}',
  rangeFrom: 'From {from}',
  rangeTo: 'Until {to}',
  filtered: 'Filtered: {list}',
  noFilters: 'No filters',
  sourceLine: 'Pulso · {source} · exported {date}',
  colRange: 'Date range',
  colFilters: 'Filters',
  colSource: 'Source',
};
