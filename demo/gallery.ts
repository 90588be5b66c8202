// The widget gallery (demo/gallery.html): each element on the seeded health plan,
// for looking at them one by one. Query: ?lang=pt-BR|en|es&theme=light|dark&only=<tag>.
// Elements are made with createElement and attributes, as a host page would.
import '../components/index.js';
import { MemoryAdapter } from '../src/adapters/memory.js';
import { generateHealthPlan } from './data/health-plan.js';
import { specs as adoptionFunnel } from './gallery/adoption-funnel.js';
import { specs as atRisk } from './gallery/at-risk.js';
import { specs as channelCsat } from './gallery/channel-csat.js';
import { specs as cohortChurn } from './gallery/cohort-churn.js';
import { specs as kpi } from './gallery/kpi.js';
import { specs as npsTrend } from './gallery/nps-trend.js';
import { specs as survival } from './gallery/survival.js';
import type { Headings } from './gallery/types.js';
import { specs as value } from './gallery/value.js';

const params = new URLSearchParams(location.search);
const data = generateHealthPlan();
const adapter = new MemoryAdapter({ customers: data.customers, activity: data.activity, surveys: data.surveys, tickets: data.tickets });
const context = { asOf: new Date(data.end).toISOString() };
const lang = params.get('lang');
if (lang) document.documentElement.lang = lang;

/** The host's heading in the page's language (its base language, else pt-BR). */
function headingFor(h: Headings): string {
  const code = lang ?? navigator.language;
  return code in h ? h[code as keyof Headings] : (h[code.split('-')[0] as keyof Headings] ?? h['pt-BR']);
}

const only = params.get('only');
const main = document.getElementById('gallery')!;
for (const spec of [cohortChurn, npsTrend, channelCsat, adoptionFunnel, kpi, survival, value, atRisk].flatMap((f) => f(context))) {
  if (only && spec.tag !== only) continue;
  const el = document.createElement(spec.tag) as HTMLElement & { adapter?: unknown };
  for (const [k, v] of Object.entries(spec.attrs)) el.setAttribute(k, v);
  if (spec.heading) el.setAttribute('heading', headingFor(spec.heading));
  const theme = params.get('theme');
  if (theme) el.setAttribute('theme', theme);
  el.adapter = adapter;
  main.append(el);
}
