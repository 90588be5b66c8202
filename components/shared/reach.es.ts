// The words of the notes on dashboard filters a widget does not follow in Spanish: in the es chunk (components/locales/es.ts),
// loaded when an element first speaks es (catalogs.ts).
import type { Key } from './reach.js';

export const es: Record<Key, string> = {
  notFiltered: 'Sin filtro de {list}',
  notFilteredHint: 'El filtro del panel no se aplica a los datos de este gráfico.',
  kind_cohort: 'cohorte',
  kind_period: 'período',
  kind_channel: 'canal',
  kind_step: 'etapa del embudo',
  kind_feature: 'función',
  kind_segment: '{column}',
  emptyFiltered: 'Nada coincide con los filtros ({filters}).',
};
