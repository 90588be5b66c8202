// The demo: a seeded health plan served by the mock REST API (msw), loaded through
// the JSON adapter and validated by the data layer. Text reaches the page only as
// textContent. (The dashboard of widgets replaces this page in a later issue.)
import { JsonAdapter, bucketer, loadTables, reportNotices, resolveLocale, type Locale, type ValidationResult } from '../src/core.js';
import { frameOf } from '../src/data/frame.js';
import { generateHealthPlan } from './data/health-plan.js';
import { startMockApi } from './mocks/browser.js';
import { createHandlers } from './mocks/handlers.js';

const TEXT: Record<Locale, Record<string, string>> = {
  'pt-BR': {
    tagline: 'Dados de exemplo: uma operadora de saúde com app de telessaúde (gerados com semente fixa).',
    locale: 'Idioma',
    loading: 'Carregando dados…',
    loaded: 'Dados carregados e validados em {ms} ms.',
    failed: 'Não foi possível carregar os dados: {error}',
    tables: 'Tabelas',
    table: 'Tabela',
    accepted: 'Aceitas',
    rejected: 'Ignoradas',
    notices: 'Validação',
    clean: 'Nenhuma linha foi ignorada.',
    months: 'Novos beneficiários por mês',
    month: 'Mês',
    signups: 'Adesões',
    churned: 'Cancelamentos',
    customers: 'Clientes',
    activity: 'Atividade',
    surveys: 'Pesquisas',
    tickets: 'Chamados',
  },
  en: {
    tagline: 'Sample data: a health plan with a telehealth app (generated from a fixed seed).',
    locale: 'Language',
    loading: 'Loading data…',
    loaded: 'Data loaded and validated in {ms} ms.',
    failed: 'The data could not be loaded: {error}',
    tables: 'Tables',
    table: 'Table',
    accepted: 'Accepted',
    rejected: 'Skipped',
    notices: 'Validation',
    clean: 'No rows were skipped.',
    months: 'New members per month',
    month: 'Month',
    signups: 'Sign-ups',
    churned: 'Cancellations',
    customers: 'Customers',
    activity: 'Activity',
    surveys: 'Surveys',
    tickets: 'Tickets',
  },
  es: {
    tagline: 'Datos de ejemplo: una aseguradora de salud con app de telesalud (generados con semilla fija).',
    locale: 'Idioma',
    loading: 'Cargando datos…',
    loaded: 'Datos cargados y validados en {ms} ms.',
    failed: 'No se pudieron cargar los datos: {error}',
    tables: 'Tablas',
    table: 'Tabla',
    accepted: 'Aceptadas',
    rejected: 'Omitidas',
    notices: 'Validación',
    clean: 'No se omitió ninguna fila.',
    months: 'Nuevos afiliados por mes',
    month: 'Mes',
    signups: 'Altas',
    churned: 'Bajas',
    customers: 'Clientes',
    activity: 'Actividad',
    surveys: 'Encuestas',
    tickets: 'Tickets',
  },
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const localeSelect = $<HTMLSelectElement>('locale');
let locale: Locale = resolveLocale(new URLSearchParams(location.search).get('lang'), navigator.language);
let result: ValidationResult | undefined;
let elapsed = 0;
let failure: string | undefined;

function t(key: string, params: Record<string, string> = {}): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}

function row(cells: string[], header = false): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const c of cells) {
    const cell = document.createElement(header ? 'th' : 'td');
    cell.textContent = c;
    tr.append(cell);
  }
  return tr;
}

function render() {
  document.documentElement.lang = locale;
  localeSelect.value = locale;
  for (const id of ['tagline', 'tables-title', 'notices-title', 'months-title']) {
    $(id).textContent = t(id.replace('-title', ''));
  }
  $('locale-label').textContent = t('locale');
  const status = $('status');
  status.classList.toggle('error', failure !== undefined);
  status.textContent = failure ? t('failed', { error: failure }) : result ? t('loaded', { ms: String(Math.round(elapsed)) }) : t('loading');
  if (!result) return;
  const nf = new Intl.NumberFormat(locale);
  const tables = $('tables');
  tables.replaceChildren(row([t('table'), t('accepted'), t('rejected')], true));
  for (const [name, c] of Object.entries(result.report.tables)) tables.append(row([t(name), nf.format(c.accepted), nf.format(c.rejected)]));
  const notices = reportNotices(result.report, locale);
  $('notices').replaceChildren(...(notices.length ? notices : [t('clean')]).map((n) => Object.assign(document.createElement('li'), { textContent: n })));
  renderMonths(nf);
}

/** Sign-ups and cancellations per month, counted from the typed frame in one pass. */
function renderMonths(nf: Intl.NumberFormat) {
  const customers = result?.tables.customers;
  if (!customers) return;
  const f = frameOf(customers);
  const months = bucketer('month');
  const counts = new Map<number, [number, number]>();
  const add = (ms: number, which: 0 | 1) => {
    if (Number.isNaN(ms)) return;
    const m = months.index(ms);
    const c = counts.get(m) ?? [0, 0];
    c[which]++;
    counts.set(m, c);
  };
  const signup = f.time('signup_at');
  const churned = f.time('churned_at');
  for (let i = 0; i < f.n; i++) {
    add(signup[i], 0);
    add(churned[i], 1);
  }
  const label = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const table = $('months');
  table.replaceChildren(row([t('month'), t('signups'), t('churned')], true));
  for (const m of [...counts.keys()].sort((a, b) => a - b)) {
    const [s, c] = counts.get(m)!;
    table.append(row([label.format(months.start(m)), nf.format(s), nf.format(c)]));
  }
}

localeSelect.addEventListener('change', () => {
  locale = localeSelect.value as Locale;
  render();
});

async function main() {
  render();
  try {
    const data = generateHealthPlan();
    await startMockApi(createHandlers({ base: '/api', data, latencyMs: 150 }));
    const t0 = performance.now();
    result = await loadTables(new JsonAdapter({ base: '/api' }), ['customers', 'activity', 'surveys', 'tickets']);
    elapsed = performance.now() - t0;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  render();
}

void main();
