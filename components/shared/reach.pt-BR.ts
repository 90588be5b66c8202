// The words of the notes on dashboard filters a widget does not follow in Brazilian Portuguese: in the pt-BR chunk (components/locales/pt-BR.ts),
// loaded when an element first speaks pt-BR (catalogs.ts).
import type { Key } from './reach.js';

export const ptBR: Record<Key, string> = {
  notFiltered: 'Sem filtro de {list}',
  notFilteredHint: 'O filtro do painel não se aplica aos dados deste gráfico.',
  kind_cohort: 'coorte',
  kind_period: 'período',
  kind_channel: 'canal',
  kind_step: 'etapa do funil',
  kind_feature: 'recurso',
  kind_segment: '{column}',
  emptyFiltered: 'Nada corresponde aos filtros ({filters}).',
};
