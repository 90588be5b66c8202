// The real-data demo (demo/retail.html): the UCI Online Retail purchase log
// from data/ in this repository, fetched and parsed in the browser by CsvAdapter (no API), as
// monthly retention of first-purchase cohorts. Text reaches the page only as textContent.
import '../components/index.js';
import type { PulsoCohortChurn } from '../components/cohort-churn/pulso-cohort-churn.js';
import { CsvAdapter } from '../src/adapters/csv.js';
import type { Adapter } from '../src/adapters/types.js';
import { resolveLocale, type Locale } from '../src/core.js';

// Vite rewrites this pattern to the file's address (/@fs/… in dev: data/ is outside the demo
// root but inside the repository, which vite.config.ts allows). Provenance: data/README.md.
const FILE = new URL('../data/online_retail_events.csv.gz', import.meta.url).href;

const TEXT: Record<Locale, Record<string, string>> = {
  'pt-BR': {
    title: 'Dados reais: compras de uma loja on-line',
    heading: 'Clientes que voltam a comprar, por mês da primeira compra',
    'notes-title': 'Como ler',
    about: 'Todas as compras de uma loja on-line do Reino Unido de 1º de dezembro de 2010 a 9 de dezembro de 2011: as 541.909 linhas do conjunto “Online Retail”, baixadas e lidas aqui no navegador pelo CsvAdapter, sem API.',
    reading: 'Cada linha é uma coorte: os clientes cuja primeira compra caiu naquele mês. A célula do mês k mostra quantos deles compraram de novo k meses depois. Não há assinatura nem cancelamento de conta num histórico de compras, então aqui “reter” quer dizer “voltar a comprar” (modo atividade). O botão “Curvas” mostra o mesmo como linhas.',
    look: 'Repare na coorte de dezembro de 2010, a dos clientes mais fiéis, e no pico de novembro de 2011, antes do Natal: a diagonal logo à esquerda das células tracejadas, a mais alta de quase todas as linhas. Dezembro de 2011 está incompleto (tracejado): os dados terminam no dia 9.',
    cleaning: 'Limpeza: as 135.080 linhas sem customer_id não entram em coorte nenhuma e são contadas no aviso acima do gráfico. Devoluções (notas que começam com C) contam como atividade, como estão no arquivo: por isso a coorte de dezembro de 2010 tem 948 clientes aqui e 885 quando as devoluções são tiradas antes.',
    source: 'Fonte: Daqing Chen, Sai Liang Sain e Kun Guo, “Online Retail”, UCI Machine Learning Repository, 2012 (CC BY 4.0).',
    locale: 'Idioma',
    theme: 'Tema',
    auto: 'Do sistema',
    light: 'Claro',
    dark: 'Escuro',
    demo: '← Painel de exemplo',
    gallery: 'Galeria de widgets',
    loading: 'Lendo 541.909 linhas (1,7 MB comprimidos, 45 MB de CSV): leva cerca de um segundo…',
    loaded: '{rows} linhas baixadas e lidas em {seconds} s.',
    failed: 'Não foi possível ler o arquivo (o motivo está no gráfico). Ele fica no repositório, em data/online_retail_events.csv.gz.',
  },
  en: {
    title: 'Real data: an online shop’s purchases',
    heading: 'Customers who buy again, by month of first purchase',
    'notes-title': 'How to read it',
    about: 'Every purchase at a UK online shop from 1 December 2010 to 9 December 2011: the 541,909 rows of the “Online Retail” data set, downloaded and read right here in the browser by CsvAdapter, with no API.',
    reading: 'Each row is a cohort: the customers whose first purchase fell in that month. The cell for month k shows how many of them bought again k months later. A purchase log has no subscriptions or account cancellations, so “retained” here means “bought again” (activity mode). The “Curves” button shows the same as lines.',
    look: 'Look at the December 2010 cohort, the most loyal customers, and at the November 2011 peak before Christmas: the diagonal just left of the dashed cells, the highest cell in almost every row. December 2011 is incomplete (dashed): the data ends on the 9th.',
    cleaning: 'Cleaning: the 135,080 rows without a customer_id are in no cohort and are counted in the notice above the chart. Returns (invoices starting with C) count as activity, as they are in the file: that is why the December 2010 cohort has 948 customers here and 885 when returns are dropped first.',
    source: 'Source: Daqing Chen, Sai Liang Sain and Kun Guo, “Online Retail”, UCI Machine Learning Repository, 2012 (CC BY 4.0).',
    locale: 'Language',
    theme: 'Theme',
    auto: 'System',
    light: 'Light',
    dark: 'Dark',
    demo: '← Sample dashboard',
    gallery: 'Widget gallery',
    loading: 'Reading 541,909 rows (1.7 MB compressed, 45 MB of CSV): this takes about a second…',
    loaded: '{rows} rows downloaded and read in {seconds} s.',
    failed: 'The file could not be read (the chart says why). It lives in the repository, at data/online_retail_events.csv.gz.',
  },
  es: {
    title: 'Datos reales: compras de una tienda en línea',
    heading: 'Clientes que vuelven a comprar, por mes de la primera compra',
    'notes-title': 'Cómo leerlo',
    about: 'Todas las compras de una tienda en línea del Reino Unido del 1 de diciembre de 2010 al 9 de diciembre de 2011: las 541.909 filas del conjunto “Online Retail”, descargadas y leídas aquí en el navegador por CsvAdapter, sin API.',
    reading: 'Cada fila es una cohorte: los clientes cuya primera compra cayó en ese mes. La celda del mes k muestra cuántos volvieron a comprar k meses después. Un historial de compras no tiene suscripciones ni bajas de cuenta, así que aquí “retener” significa “volver a comprar” (modo actividad). El botón “Curvas” muestra lo mismo como líneas.',
    look: 'Fíjese en la cohorte de diciembre de 2010, la de los clientes más fieles, y en el pico de noviembre de 2011, antes de Navidad: la diagonal justo a la izquierda de las celdas con trazos, la más alta de casi todas las filas. Diciembre de 2011 está incompleto (con trazos): los datos terminan el día 9.',
    cleaning: 'Limpieza: las 135.080 filas sin customer_id no entran en ninguna cohorte y se cuentan en el aviso sobre el gráfico. Las devoluciones (facturas que empiezan con C) cuentan como actividad, tal como están en el archivo: por eso la cohorte de diciembre de 2010 tiene 948 clientes aquí y 885 si antes se quitan las devoluciones.',
    source: 'Fuente: Daqing Chen, Sai Liang Sain y Kun Guo, “Online Retail”, UCI Machine Learning Repository, 2012 (CC BY 4.0).',
    locale: 'Idioma',
    theme: 'Tema',
    auto: 'Del sistema',
    light: 'Claro',
    dark: 'Oscuro',
    demo: '← Panel de ejemplo',
    gallery: 'Galería de widgets',
    loading: 'Leyendo 541.909 filas (1,7 MB comprimidos, 45 MB de CSV): tarda alrededor de un segundo…',
    loaded: '{rows} filas descargadas y leídas en {seconds} s.',
    failed: 'No se pudo leer el archivo (el gráfico dice por qué). Está en el repositorio, en data/online_retail_events.csv.gz.',
  },
};

const TEXT_IDS = ['title', 'about', 'notes-title', 'reading', 'look', 'cleaning', 'source'] as const;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const chart = $<PulsoCohortChurn>('retail');
const status = $('status');
const localeSelect = $<HTMLSelectElement>('locale');
const themeSelect = $<HTMLSelectElement>('theme');
let locale: Locale = resolveLocale(params.get('lang'), navigator.language);
/** What the status line says, kept as a key so a language switch re-words it. */
let note: { key: string; values: Record<string, string | number> } = { key: 'loading', values: {} };

function t(key: string, values: Record<string, string | number> = {}): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

function say(key: string, values: Record<string, string | number> = {}): void {
  note = { key, values };
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const shown = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? f.format(v) : v]));
  status.textContent = t(key, shown);
}

function applyLocale(): void {
  document.documentElement.lang = locale;
  localeSelect.value = locale;
  chart.locale = locale;
  chart.heading = t('heading');
  for (const id of TEXT_IDS) $(id).textContent = t(id);
  $('locale-label').textContent = t('locale');
  $('theme-label').textContent = t('theme');
  $('theme-auto').textContent = t('auto');
  $('theme-light').textContent = t('light');
  $('theme-dark').textContent = t('dark');
  $<HTMLAnchorElement>('link-demo').textContent = t('demo');
  $<HTMLAnchorElement>('link-demo').href = `./index.html?lang=${encodeURIComponent(locale)}`;
  $('link-gallery').textContent = t('gallery');
  say(note.key, note.values);
}

function applyTheme(theme: string): void {
  themeSelect.value = theme;
  document.documentElement.dataset.theme = theme;
  if (theme) chart.theme = theme;
  else chart.removeAttribute('theme');
}

/** The CSV adapter, timed: the status line says how long the purchase log took to arrive and parse. */
function timed(csv: Adapter): Adapter {
  return {
    id: csv.id,
    async load(request, signal) {
      if (request.table !== 'activity') return csv.load(request, signal);
      const start = performance.now();
      const table = await csv.load(request, signal);
      const rows = 'numRows' in table ? table.numRows() : table.length;
      say('loaded', { rows, seconds: (performance.now() - start) / 1000 });
      return table;
    },
  };
}

localeSelect.addEventListener('change', () => {
  locale = localeSelect.value as Locale;
  applyLocale();
});
themeSelect.addEventListener('change', () => applyTheme(themeSelect.value));
chart.addEventListener('pulso-data-error', () => say('failed'));

applyLocale();
applyTheme(params.get('theme') ?? '');
chart.adapter = timed(
  new CsvAdapter({
    url: FILE,
    table: 'activity',
    // The file's columns are customer_id, invoice_no, invoice_date, quantity, unit_price, country;
    // a purchase log has no event names, so every row is a purchase (as bench/load-retail.ts).
    fields: { at: 'invoice_date', event: { value: 'purchase' } },
  }),
);
