// Every widget's words in Brazilian Portuguese: one chunk, loaded when an element first speaks pt-BR
// (components/shared/catalogs.ts), so a page in another language never fetches it.
import type { LocaleCatalogs } from '../shared/catalogs.js';
import { ptBR as adoptionFunnel } from '../adoption-funnel/strings.pt-BR.js';
import { ptBR as atRisk } from '../at-risk/strings.pt-BR.js';
import { ptBR as channelCsat } from '../channel-csat/strings.pt-BR.js';
import { ptBR as cohortChurn } from '../cohort-churn/strings.pt-BR.js';
import { ptBR as dashboard } from '../dashboard/strings.pt-BR.js';
import { ptBR as kpi } from '../kpi/strings.pt-BR.js';
import { ptBR as npsTrend } from '../nps-trend/strings.pt-BR.js';
import { ptBR as shared } from '../shared/strings.pt-BR.js';
import { ptBR as survival } from '../survival/strings.pt-BR.js';
import { ptBR as value } from '../value/strings.pt-BR.js';
import { ptBR as compareWords } from '../shared/compare-words.pt-BR.js';
import { ptBR as exportMeta } from '../shared/export-meta.pt-BR.js';
import { ptBR as reach } from '../shared/reach.pt-BR.js';

export const CATALOGS: LocaleCatalogs = {
  'adoption-funnel': adoptionFunnel,
  'at-risk': atRisk,
  'channel-csat': channelCsat,
  'cohort-churn': cohortChurn,
  dashboard,
  kpi,
  'nps-trend': npsTrend,
  shared,
  survival,
  value,
  'compare-words': compareWords,
  'export-meta': exportMeta,
  reach,
};
