// The words of <pulso-value> in Spanish: in the es chunk (components/locales/es.ts),
// loaded when an element first speaks es (components/shared/catalogs.ts).
import type { Key } from './strings.js';

export const es: Record<Key, string> = {
  heading: 'Dónde está el valor',
  empty: 'Ningún cliente con valor',
  emptyFiltered: 'Ningún cliente con valor para {filters}.',
  segment: 'Segmento',
  customers: 'Clientes',
  total: 'Total',
  topShare: 'Parte del {top} mayor',
  gini: 'Gini',
  excluded: 'Sin valor',
  revenue: 'ingresos',
  xAxis: 'Clientes por {value}, de mayor a menor',
  yAxis: 'Parte de los {value}',
  equal: 'Partes iguales',
  all: 'Todos los clientes',
  topCustomers: '{share} de los clientes de mayor valor',
  valueShare: 'Parte de los {value}',
  pointLabel: '{series}el {customers} de clientes de mayor valor aporta el {share} de los {value}',
  summary: 'El {top} de clientes de mayor valor aporta el {share} de los {value} (Gini {gini}, {n} clientes).',
  summarySegments: 'Parte de los {value} que aporta el {top} de clientes de mayor valor: {list}.',
  segmentShare: '{segment} {share}',
  excludedNote: 'Clientes sin valor, dejados fuera: {n}.',
};
