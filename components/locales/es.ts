// Every widget's words in Spanish: one chunk, loaded when an element first speaks es
// (components/shared/catalogs.ts), so a page in another language never fetches it.
import type { LocaleCatalogs } from '../shared/catalogs.js';
import { es as adoptionFunnel } from '../adoption-funnel/strings.es.js';
import { es as atRisk } from '../at-risk/strings.es.js';
import { es as channelCsat } from '../channel-csat/strings.es.js';
import { es as cohortChurn } from '../cohort-churn/strings.es.js';
import { es as dashboard } from '../dashboard/strings.es.js';
import { es as kpi } from '../kpi/strings.es.js';
import { es as npsTrend } from '../nps-trend/strings.es.js';
import { es as shared } from '../shared/strings.es.js';
import { es as survival } from '../survival/strings.es.js';
import { es as value } from '../value/strings.es.js';
import { es as compareWords } from '../shared/compare-words.es.js';
import { es as exportMeta } from '../shared/export-meta.es.js';
import { es as reach } from '../shared/reach.es.js';

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
