// The demo (`npm start`): a seeded Brazilian health plan with a telehealth app,
// served by the mock REST API (msw, the handlers the tests use) and read by one
// <pulso-dashboard> through the JSON adapter. With `?server=/api` (`npm run serve:demo`)
// the same dashboard is fed by pulso-serve instead, from aggregates alone: no row
// reaches the page. Text reaches the page only as textContent.
import '../components/index.js';
import type { PulsoDashboard } from '../components/dashboard/pulso-dashboard.js';
import { registerLabels } from '../components/index.js';
import { resolveLocale, type ExtentRow, type Locale } from '../src/core.js';
import { JsonAdapter } from '../src/adapters/json.js';
import { generateHealthPlan } from './data/health-plan.js';
import { DEMO_LABELS } from './labels.js';
import { startMockApi } from './mocks/browser.js';
import { createHandlers } from './mocks/handlers.js';

const TEXT: Record<Locale, Record<string, string>> = {
  'pt-BR': {
    tagline: 'Dados de exemplo: uma operadora de saúde com app de telessaúde (gerados com semente fixa). Procure a versão de março de 2026 no onboarding, o telefone no atendimento e o plano Essencial nas coortes.',
    locale: 'Idioma',
    theme: 'Tema',
    auto: 'Do sistema',
    light: 'Claro',
    dark: 'Escuro',
    retail: 'Dados reais: Online Retail',
    gallery: 'Galeria de widgets',
    starting: 'Preparando os dados de exemplo…',
    failed: 'Não foi possível iniciar a API de exemplo: {error}',
    retentionTitle: 'Retenção: quem fica, quem vale mais, quem pode sair',
    retentionIntro: 'O plano Essencial perde clientes mais cedo; poucos clientes trazem a maior parte da receita; e a lista de alerta mostra quem deu sinais antes de sair. Clique em um plano nas curvas para filtrar o painel.',
  },
  en: {
    tagline: 'Sample data: a health plan with a telehealth app (generated from a fixed seed). Look for the March 2026 release in onboarding, the phone channel in support and the Essencial plan in cohorts.',
    locale: 'Language',
    theme: 'Theme',
    auto: 'System',
    light: 'Light',
    dark: 'Dark',
    retail: 'Real data: Online Retail',
    gallery: 'Widget gallery',
    starting: 'Preparing the sample data…',
    failed: 'The sample API could not start: {error}',
    retentionTitle: 'Retention: who stays, who brings the value, who may leave',
    retentionIntro: 'The Essencial plan loses customers sooner; a few customers bring most of the revenue; and the warning list shows who gave signs before leaving. Click a plan on the curves to filter the dashboard.',
  },
  es: {
    tagline: 'Datos de ejemplo: una aseguradora de salud con app de telesalud (generados con semilla fija). Busque la versión de marzo de 2026 en el onboarding, el teléfono en la atención y el plan Essencial en las cohortes.',
    locale: 'Idioma',
    theme: 'Tema',
    auto: 'Del sistema',
    light: 'Claro',
    dark: 'Oscuro',
    retail: 'Datos reales: Online Retail',
    gallery: 'Galería de widgets',
    starting: 'Preparando los datos de ejemplo…',
    failed: 'No se pudo iniciar la API de ejemplo: {error}',
    retentionTitle: 'Retención: quién se queda, quién aporta más, quién puede irse',
    retentionIntro: 'El plan Essencial pierde clientes antes; pocos clientes aportan la mayor parte de los ingresos; y la lista de alerta muestra quién dio señales antes de irse. Haga clic en un plan en las curvas para filtrar el panel.',
  },
};

registerLabels(DEMO_LABELS);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const dashboard = $<PulsoDashboard>('dashboard');
const localeSelect = $<HTMLSelectElement>('locale');
const themeSelect = $<HTMLSelectElement>('theme');
let locale: Locale = resolveLocale(params.get('lang'), navigator.language);

function t(key: string, values: Record<string, string> = {}): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');
}

function applyLocale(): void {
  document.documentElement.lang = locale;
  localeSelect.value = locale;
  dashboard.locale = locale;
  $('tagline').textContent = t('tagline');
  $('locale-label').textContent = t('locale');
  $('theme-label').textContent = t('theme');
  $('theme-auto').textContent = t('auto');
  $('theme-light').textContent = t('light');
  $('theme-dark').textContent = t('dark');
  $('link-retail').textContent = t('retail');
  $('link-gallery').textContent = t('gallery');
  $('retention-title').textContent = t('retentionTitle');
  $('retention-intro').textContent = t('retentionIntro');
}

function applyTheme(theme: string): void {
  themeSelect.value = theme;
  document.documentElement.dataset.theme = theme;
  if (theme) dashboard.theme = theme;
  else dashboard.removeAttribute('theme');
}

localeSelect.addEventListener('change', () => {
  locale = localeSelect.value as Locale;
  applyLocale();
});
themeSelect.addEventListener('change', () => applyTheme(themeSelect.value));

/** Where the data comes from: the end of the data (epoch ms), and how to point the dashboard at it. */
interface Data {
  end: number;
  connect(): void;
}

/** The mock API over the data generated in this tab. */
async function fromMockApi(): Promise<Data> {
  const data = generateHealthPlan();
  await startMockApi(createHandlers({ base: '/api', data, latencyMs: 150 }));
  return { end: data.end, connect: () => void (dashboard.source = '/api') };
}

/** pulso-serve at `base`, every query computed there; its data ends the month after its last event. */
async function fromServer(base: string): Promise<Data> {
  // A server computing over millions of rows may take longer than the default 30 s.
  const adapter = new JsonAdapter({ base, pushDown: true, timeoutMs: 180_000 });
  const answer = await adapter.aggregate!({ metric: 'extent', options: { table: 'activity' } });
  const [extent] = (Array.isArray(answer) ? answer : answer.rows) as unknown as ExtentRow[];
  if (extent?.last == null) throw new Error(`${base} has no activity`);
  const last = new Date(extent.last);
  return { end: Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1), connect: () => void (dashboard.adapter = adapter) };
}

async function main(): Promise<void> {
  applyLocale();
  applyTheme(params.get('theme') ?? '');
  const status = $('status');
  status.textContent = t('starting');
  try {
    const server = params.get('server');
    const data = server ? await fromServer(server) : await fromMockApi();
    const endMs = data.end;
    // The data ends on the first of a month: show the last twelve months.
    const end = new Date(endMs).toISOString().slice(0, 10);
    const start = new Date(Date.UTC(new Date(endMs).getUTCFullYear() - 1, new Date(endMs).getUTCMonth(), 1)).toISOString().slice(0, 10);
    if (!dashboard.from) dashboard.from = start;
    if (!dashboard.to) dashboard.to = end;
    for (const el of document.querySelectorAll('pulso-cohort-churn')) el.setAttribute('as-of', end);
    for (const el of document.querySelectorAll('pulso-kpi, pulso-survival, pulso-value, pulso-at-risk')) el.setAttribute('as-of', end);
    // Last: widgets start loading once, with their dates already set.
    data.connect();
    status.textContent = '';
  } catch (error) {
    status.textContent = t('failed', { error: error instanceof Error ? error.message : String(error) });
  }
}

void main();
