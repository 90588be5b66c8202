// The words of the 'value' catalog in English: in the en chunk (components/locales/en.ts), loaded
// when an element first speaks English or as the stand-in for a locale whose chunk failed
// (components/shared/catalogs.ts). Its keys are the catalog's keys (strings.ts: `Key`).
export const en = {
  heading: 'Where the value is',
  empty: 'No customers with a value',
  emptyFiltered: 'No customers with a value for {filters}.',
  segment: 'Segment',
  customers: 'Customers',
  total: 'Total',
  topShare: 'Share of the top {top}',
  gini: 'Gini',
  excluded: 'Without a value',
  revenue: 'revenue',
  xAxis: 'Customers, highest {value} first',
  yAxis: 'Share of {value}',
  equal: 'Equal shares',
  all: 'All customers',
  topCustomers: 'Top {share} of customers',
  valueShare: 'Share of {value}',
  pointLabel: '{series}the top {customers} of customers bring {share} of {value}',
  summary: 'The top {top} of customers bring {share} of {value} (Gini {gini}, {n} customers).',
  summarySegments: 'Share of {value} brought by the top {top} of customers: {list}.',
  segmentShare: '{segment} {share}',
  excludedNote: 'Customers without a value, left out: {n}.',
};
