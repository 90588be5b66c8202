// The words of <pulso-value> in every locale.
import { translator } from '../shared/strings.js';

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

type Key = keyof typeof en;

const ptBR: Record<Key, string> = {
  heading: 'Onde está o valor',
  empty: 'Nenhum cliente com valor',
  emptyFiltered: 'Nenhum cliente com valor para {filters}.',
  segment: 'Segmento',
  customers: 'Clientes',
  total: 'Total',
  topShare: 'Parcela dos {top} maiores',
  gini: 'Gini',
  excluded: 'Sem valor',
  revenue: 'receita',
  xAxis: 'Clientes por {value}, do maior ao menor',
  yAxis: 'Parcela da {value}',
  equal: 'Parcelas iguais',
  all: 'Todos os clientes',
  topCustomers: '{share} dos clientes de maior valor',
  valueShare: 'Parcela da {value}',
  pointLabel: '{series}os {customers} maiores clientes trazem {share} da {value}',
  summary: 'Os {top} maiores clientes trazem {share} da {value} (Gini {gini}, {n} clientes).',
  summarySegments: 'Parcela da {value} trazida pelos {top} maiores clientes: {list}.',
  segmentShare: '{segment} {share}',
  excludedNote: 'Clientes sem valor, deixados de fora: {n}.',
};

const es: Record<Key, string> = {
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

export const tv = translator({ 'pt-BR': ptBR, en, es });
