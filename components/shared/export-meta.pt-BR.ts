// The words of the exports’ metadata (range, filters, source) in Brazilian Portuguese: in the pt-BR chunk (components/locales/pt-BR.ts),
// loaded when an element first speaks pt-BR (catalogs.ts).
import type { Key } from './export-meta.js';

export const ptBR: Record<Key, string> = {
  allData: 'Todos os dados',
  rangeBoth: '{from} – {to}',
  rangeFrom: 'A partir de {from}',
  rangeTo: 'Até {to}',
  filtered: 'Filtrado: {list}',
  noFilters: 'Sem filtros',
  sourceLine: 'Pulso · {source} · exportado em {date}',
  colRange: 'Intervalo de datas',
  colFilters: 'Filtros',
  colSource: 'Fonte',
};
