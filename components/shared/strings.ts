// The widgets' own UI strings (states, toggles, exports) in every supported
// locale. Placeholders are filled by `format()` as plain text, so a value
// carrying markup still reaches the page only through a Lit text binding.
import { format } from '../../src/i18n/messages.js';
import type { Locale } from '../../src/i18n/messages.js';
import { NONE } from '../../src/metrics/input.js';
import { OTHERS } from '../../src/metrics/others.js';
import { nameOf } from './labels.js';

const en = {
  loading: 'Loading…',
  empty: 'No answers in this period',
  noSource: 'No data source: set the source attribute or the adapter property',
  errorTitle: 'The data could not be loaded',
  errorHttp: 'The server answered {url} with HTTP status {status}.',
  errorTimeout: 'Loading {url} took too long and was stopped.',
  errorNetwork: 'Could not reach {url}. Check the network connection.',
  errorMalformed: 'The data from {url} could not be read: it is not in the expected format.',
  errorWebPage: 'The server answered {url} with a web page instead of data. Check the address of the file or API.',
  errorUnknown: 'Something went wrong while preparing the data.',
  errorDetails: 'Technical details',
  retry: 'Try again',
  stale: 'Updated {time}',
  offline: 'Offline: showing data from {time}',
  notices: 'Data notices',
  showTable: 'Show table',
  showChart: 'Show chart',
  scrollColumns: 'Scroll sideways for more columns →',
  downloadCsv: 'Download CSV',
  downloadSvg: 'Download SVG',
  downloadPng: 'Download PNG',
  suppressed: '< {k}',
  suppressedHint: 'Hidden: fewer than {k} customers',
  partial: 'Partial period',
  legend: 'Legend',
  average: 'Weighted average',
  errorOptions: 'A setting of this chart is not valid.',
  errorOptionsTitle: 'This chart cannot be drawn with its settings',
  updating: 'Updating…',
  axisPercent: 'Percentage',
  download: 'Download',
  none: 'Not set',
  unregistered: "Waiting for the data source '{name}': no adapter is registered under that name yet.",
  others: 'Others',
  othersGrouped: '{n} smaller segments are grouped as “Others”.',
  othersGroupedOne: '{n} smaller segment is grouped as “Others”.',
  othersGroupedSome: 'The smaller segments are grouped as “Others”.',
  errorLimitPeriods: 'From {first} to {last} is {count} {unit}: more than the {max} periods a chart can show. Choose a shorter date range or a longer period.',
  errorLimitCells: 'Cohorts from {first} to {last}, counted in {unit}, make {count} cells: more than the {max} a chart can show. Choose a shorter date range, a longer period or a maximum offset.',
  unitday: 'days',
  unitweek: 'weeks',
  unitmonth: 'months',
  unitquarter: 'quarters',
  unityear: 'years',
  code: 'code',
};

export type StringKey = keyof typeof en;
type Strings = Record<StringKey, string>;

const ptBR: Strings = {
  loading: 'Carregando…',
  empty: 'Nenhuma resposta neste período',
  noSource: 'Sem fonte de dados: defina o atributo source ou a propriedade adapter',
  errorTitle: 'Não foi possível carregar os dados',
  errorHttp: 'O servidor respondeu a {url} com o status HTTP {status}.',
  errorTimeout: 'O carregamento de {url} demorou demais e foi interrompido.',
  errorNetwork: 'Não foi possível acessar {url}. Verifique a conexão de rede.',
  errorMalformed: 'Os dados de {url} não puderam ser lidos: não estão no formato esperado.',
  errorWebPage: 'O servidor respondeu a {url} com uma página da web em vez de dados. Verifique o endereço do arquivo ou da API.',
  errorUnknown: 'Algo deu errado ao preparar os dados.',
  errorDetails: 'Detalhes técnicos',
  retry: 'Tentar novamente',
  stale: 'Atualizado {time}',
  offline: 'Sem conexão: exibindo dados de {time}',
  notices: 'Avisos sobre os dados',
  showTable: 'Mostrar tabela',
  showChart: 'Mostrar gráfico',
  scrollColumns: 'Role para o lado para ver mais colunas →',
  downloadCsv: 'Baixar CSV',
  downloadSvg: 'Baixar SVG',
  downloadPng: 'Baixar PNG',
  suppressed: '< {k}',
  suppressedHint: 'Oculto: menos de {k} clientes',
  partial: 'Período parcial',
  legend: 'Legenda',
  average: 'Média ponderada',
  errorOptions: 'Uma configuração deste gráfico não é válida.',
  errorOptionsTitle: 'Este gráfico não pode ser desenhado com estas configurações',
  updating: 'Atualizando…',
  axisPercent: 'Porcentagem',
  download: 'Baixar',
  none: 'Não informado',
  unregistered: "Aguardando a fonte de dados '{name}': ainda não há adaptador registrado com esse nome.",
  others: 'Outros',
  othersGrouped: '{n} segmentos menores estão agrupados em “Outros”.',
  othersGroupedOne: '{n} segmento menor está agrupado em “Outros”.',
  othersGroupedSome: 'Os segmentos menores estão agrupados em “Outros”.',
  errorLimitPeriods: 'De {first} a {last} são {count} {unit}: mais do que os {max} períodos que um gráfico pode mostrar. Escolha um intervalo de datas menor ou um período maior.',
  errorLimitCells: 'Coortes de {first} a {last}, contadas em {unit}, formam {count} células: mais do que as {max} que um gráfico pode mostrar. Escolha um intervalo de datas menor, um período maior ou um deslocamento máximo.',
  unitday: 'dias',
  unitweek: 'semanas',
  unitmonth: 'meses',
  unitquarter: 'trimestres',
  unityear: 'anos',
  code: 'código',
};

const es: Strings = {
  loading: 'Cargando…',
  empty: 'Ninguna respuesta en este período',
  noSource: 'Sin fuente de datos: defina el atributo source o la propiedad adapter',
  errorTitle: 'No se pudieron cargar los datos',
  errorHttp: 'El servidor respondió a {url} con el estado HTTP {status}.',
  errorTimeout: 'La carga de {url} tardó demasiado y se detuvo.',
  errorNetwork: 'No se pudo acceder a {url}. Compruebe la conexión de red.',
  errorMalformed: 'Los datos de {url} no se pudieron leer: no tienen el formato esperado.',
  errorWebPage: 'El servidor respondió a {url} con una página web en lugar de datos. Compruebe la dirección del archivo o de la API.',
  errorUnknown: 'Algo salió mal al preparar los datos.',
  errorDetails: 'Detalles técnicos',
  retry: 'Reintentar',
  stale: 'Actualizado {time}',
  offline: 'Sin conexión: se muestran datos del {time}',
  notices: 'Avisos sobre los datos',
  showTable: 'Mostrar tabla',
  showChart: 'Mostrar gráfico',
  scrollColumns: 'Desplace hacia el lado para ver más columnas →',
  downloadCsv: 'Descargar CSV',
  downloadSvg: 'Descargar SVG',
  downloadPng: 'Descargar PNG',
  suppressed: '< {k}',
  suppressedHint: 'Oculto: menos de {k} clientes',
  partial: 'Período parcial',
  legend: 'Leyenda',
  average: 'Promedio ponderado',
  errorOptions: 'Una configuración de este gráfico no es válida.',
  errorOptionsTitle: 'Este gráfico no se puede dibujar con esta configuración',
  updating: 'Actualizando…',
  axisPercent: 'Porcentaje',
  download: 'Descargar',
  none: 'No informado',
  unregistered: "Esperando la fuente de datos '{name}': aún no hay un adaptador registrado con ese nombre.",
  others: 'Otros',
  othersGrouped: '{n} segmentos más pequeños están agrupados en «Otros».',
  othersGroupedOne: '{n} segmento más pequeño está agrupado en «Otros».',
  othersGroupedSome: 'Los segmentos más pequeños están agrupados en «Otros».',
  errorLimitPeriods: 'De {first} a {last} hay {count} {unit}: más que los {max} períodos que un gráfico puede mostrar. Elija un rango de fechas más corto o un período más largo.',
  errorLimitCells: 'Cohortes de {first} a {last}, contadas en {unit}, forman {count} celdas: más que las {max} que un gráfico puede mostrar. Elija un rango de fechas más corto, un período más largo o un desplazamiento máximo.',
  unitday: 'días',
  unitweek: 'semanas',
  unitmonth: 'meses',
  unitquarter: 'trimestres',
  unityear: 'años',
  code: 'código',
};

export const STRINGS: Readonly<Record<Locale, Strings>> = { 'pt-BR': ptBR, en, es };

export type Translate<K extends string> = (locale: Locale, key: K, params?: Record<string, string | number>) => string;

/** A `t()` over a widget's own catalog: `{name}` placeholders are filled as plain text. */
export function translator<K extends string>(catalog: Readonly<Record<Locale, Readonly<Record<K, string>>>>): Translate<K> {
  return (locale, key, params = {}) => {
    const text: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) text[name] = String(value);
    return format(catalog[locale][key], text);
  };
}

/** The UI string `key` in `locale`, with `{name}` placeholders filled as text. */
export const t: Translate<StringKey> = translator(STRINGS);

/**
 * A value as shown: the metrics' "(none)" for missing values reads as "Not set",
 * "(others)" for the folded small segments as "Others", and any other value by its
 * label (labels.ts: the element's, the dashboard's, the page's, the built-in names) of
 * `column`, by default the column the widget's segments come from.
 */
export function segmentLabel(locale: Locale, segment: string, column?: string): string {
  if (segment === NONE) return t(locale, 'none');
  return segment === OTHERS ? t(locale, 'others') : nameOf(locale, segment, column);
}

/** An activity event (a funnel step, a feature) as shown: its label in the `event` column. */
export function eventLabel(locale: Locale, event: string): string {
  return segmentLabel(locale, event, 'event');
}
