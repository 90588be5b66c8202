// The words of <pulso-value> in Brazilian Portuguese: in the pt-BR chunk (components/locales/pt-BR.ts),
// loaded when an element first speaks pt-BR (components/shared/catalogs.ts).
import type { Key } from './strings.js';

export const ptBR: Record<Key, string> = {
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
