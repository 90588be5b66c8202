// The words of the exports’ metadata (range, filters, source) in Spanish: in the es chunk (components/locales/es.ts),
// loaded when an element first speaks es (catalogs.ts).
import type { Key } from './export-meta.js';

export const es: Record<Key, string> = {
  allData: 'Todos los datos',
  rangeBoth: '{from} – {to}',
  rangeFrom: 'Desde {from}',
  rangeTo: 'Hasta {to}',
  filtered: 'Filtrado: {list}',
  noFilters: 'Sin filtros',
  sourceLine: 'Pulso · {source} · exportado el {date}',
  colRange: 'Rango de fechas',
  colFilters: 'Filtros',
  colSource: 'Fuente',
};
