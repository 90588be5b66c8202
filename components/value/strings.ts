// The words of <pulso-value> in English.
// pt-BR and es: strings.pt-BR.ts and strings.es.ts, loaded on first use (shared/catalogs.ts).
import { localeTranslator } from '../shared/strings.js';

const en = {
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

export type Key = keyof typeof en;

export const tv = localeTranslator('value', en);
