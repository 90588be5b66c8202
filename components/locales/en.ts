// Every widget's words in English: one chunk, loaded when an element first speaks English, or
// for a locale whose chunk failed (components/shared/catalogs.ts), so a page in another language
// does not fetch it.
import type { LocaleCatalogs } from '../shared/catalogs.js';
import { en as adoptionFunnel } from '../adoption-funnel/strings.en.js';
import { en as atRisk } from '../at-risk/strings.en.js';
import { en as channelCsat } from '../channel-csat/strings.en.js';
import { en as cohortChurn } from '../cohort-churn/strings.en.js';
import { en as dashboard } from '../dashboard/strings.en.js';
import { en as kpi } from '../kpi/strings.en.js';
import { en as npsTrend } from '../nps-trend/strings.en.js';
import { en as shared } from '../shared/strings.en.js';
import { en as survival } from '../survival/strings.en.js';
import { en as value } from '../value/strings.en.js';
import { en as compareWords } from '../shared/compare-words.en.js';
import { en as exportMeta } from '../shared/export-meta.en.js';
import { en as reach } from '../shared/reach.en.js';

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
