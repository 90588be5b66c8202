// Message catalogs. Keys are shared by every locale; `{name}` placeholders are
// filled by `format()` as plain text (never HTML).
import type { Problem, TableName } from '../data/schema.js';

export type Locale = 'pt-BR' | 'en' | 'es';
export const LOCALES: readonly Locale[] = ['pt-BR', 'en', 'es'];

export interface Catalog {
  /** The rows of a table, plural (`survey rows`) and for a total of one (`survey row`). */
  tableRows: Record<TableName, string>;
  tableRow: Record<TableName, string>;
  problems: Record<Problem, string>;
  /** `{rejected} of {total} {rows} were skipped: {reasons}`, and its form for one rejected row. */
  skipped: string;
  skippedOne: string;
  /** one reason among several: `{count} × {reason}` */
  reasonCount: string;
  reasonSeparator: string;
  allAccepted: string;
}

const en: Catalog = {
  tableRows: { customers: 'customer rows', activity: 'activity rows', surveys: 'survey rows', tickets: 'ticket rows' },
  tableRow: { customers: 'customer row', activity: 'activity row', surveys: 'survey row', tickets: 'ticket row' },
  problems: {
    missing: '{field} missing',
    'unparseable-time': '{field} is not a valid date',
    'implausible-time': '{field} outside 1900–2199',
    'not-a-number': '{field} is not a number',
    'out-of-range': '{field} out of range',
    'not-an-integer': '{field} is not a whole number',
    'unknown-kind': 'unknown survey kind',
    'duplicate-id': 'duplicate {field}',
    'end-before-start': '{field} before its start',
    'not-text': '{field} is not text',
  },
  skipped: '{rejected} of {total} {rows} were skipped: {reasons}',
  skippedOne: '{rejected} of {total} {rows} was skipped: {reasons}',
  reasonCount: '{count} {reason}',
  reasonSeparator: '; ',
  allAccepted: 'All {total} {rows} were accepted',
};

const ptBR: Catalog = {
  tableRows: { customers: 'linhas de clientes', activity: 'linhas de atividade', surveys: 'linhas de pesquisa', tickets: 'linhas de chamados' },
  tableRow: { customers: 'linha de clientes', activity: 'linha de atividade', surveys: 'linha de pesquisa', tickets: 'linha de chamados' },
  problems: {
    missing: '{field} ausente',
    'unparseable-time': '{field} não é uma data válida',
    'implausible-time': '{field} fora de 1900–2199',
    'not-a-number': '{field} não é um número',
    'out-of-range': '{field} fora da escala',
    'not-an-integer': '{field} não é um número inteiro',
    'unknown-kind': 'tipo de pesquisa desconhecido',
    'duplicate-id': '{field} duplicado',
    'end-before-start': '{field} anterior ao início',
    'not-text': '{field} não é texto',
  },
  skipped: '{rejected} de {total} {rows} foram ignoradas: {reasons}',
  skippedOne: '{rejected} de {total} {rows} foi ignorada: {reasons}',
  reasonCount: '{count} com {reason}',
  reasonSeparator: '; ',
  allAccepted: 'Todas as {total} {rows} foram aceitas',
};

const es: Catalog = {
  tableRows: { customers: 'filas de clientes', activity: 'filas de actividad', surveys: 'filas de encuestas', tickets: 'filas de tickets' },
  tableRow: { customers: 'fila de clientes', activity: 'fila de actividad', surveys: 'fila de encuestas', tickets: 'fila de tickets' },
  problems: {
    missing: 'falta {field}',
    'unparseable-time': '{field} no es una fecha válida',
    'implausible-time': '{field} fuera de 1900–2199',
    'not-a-number': '{field} no es un número',
    'out-of-range': '{field} fuera de escala',
    'not-an-integer': '{field} no es un número entero',
    'unknown-kind': 'tipo de encuesta desconocido',
    'duplicate-id': '{field} duplicado',
    'end-before-start': '{field} anterior a su inicio',
    'not-text': '{field} no es texto',
  },
  skipped: 'Se omitieron {rejected} de {total} {rows}: {reasons}',
  skippedOne: 'Se omitió {rejected} de {total} {rows}: {reasons}',
  reasonCount: '{count} con {reason}',
  reasonSeparator: '; ',
  allAccepted: 'Se aceptaron las {total} {rows}',
};

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { 'pt-BR': ptBR, en, es };

/** Fills `{name}` placeholders with text; unknown names are left visible. */
export function format(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? params[key] : whole));
}

/**
 * The supported locale nearest to the given BCP 47 tags, tried in order
 * (`pt`, `pt-PT` → pt-BR; `en-GB` → en; `es-MX` → es); `en` when none fits.
 */
export function resolveLocale(...tags: (string | null | undefined)[]): Locale {
  for (const tag of tags) {
    if (!tag) continue;
    const lang = tag.toLowerCase().split(/[-_]/)[0];
    if (lang === 'pt') return 'pt-BR';
    if (lang === 'en') return 'en';
    if (lang === 'es') return 'es';
  }
  return 'en';
}
