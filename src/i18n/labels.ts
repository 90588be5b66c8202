// Names people read instead of codes (SPEC §4 "Labels"): `{ [column]: { [value]: text } }`,
// with `'*'` for a value in any column and `'@columns'` for the column names themselves.
// DOM-free, so the core, the widgets and their exports resolve a name the same way.
import type { Locale } from './messages.js';

/** One name: the same in every language, or one per locale. */
export type LabelText = string | Readonly<Partial<Record<Locale, string>>>;

/** `{ channel: { in_person: 'Presencial' }, '@columns': { age_band: 'Faixa etária' } }`. */
export type Labels = Readonly<Record<string, Readonly<Record<string, LabelText>>>>;

/** The key under which column names are labelled. */
export const COLUMNS = '@columns';
/** The column whose labels apply to a value in every column. */
export const ANY = '*';

const l = (ptBR: string, en: string, es: string): LabelText => ({ 'pt-BR': ptBR, en, es });

/** The names Pulso knows without being told: canonical channels, user types, survey kinds and columns. */
export const BUILT_IN_LABELS: Labels = {
  channel: {
    chat: l('Chat', 'Chat', 'Chat'),
    phone: l('Telefone', 'Phone', 'Teléfono'),
    email: l('E-mail', 'Email', 'Correo electrónico'),
    app: l('App', 'App', 'App'),
    whatsapp: l('WhatsApp', 'WhatsApp', 'WhatsApp'),
    social: l('Redes sociais', 'Social media', 'Redes sociales'),
    in_person: l('Presencial', 'In person', 'Presencial'),
  },
  user_type: {
    patient: l('Paciente', 'Patient', 'Paciente'),
    doctor: l('Médico', 'Doctor', 'Médico'),
    admin: l('Administrador', 'Administrator', 'Administrador'),
  },
  kind: {
    nps: l('NPS', 'NPS', 'NPS'),
    csat: l('CSAT', 'CSAT', 'CSAT'),
    ces: l('CES', 'CES', 'CES'),
  },
  [COLUMNS]: {
    customer_id: l('ID do cliente', 'Customer ID', 'ID del cliente'),
    signup_at: l('Data de cadastro', 'Signup date', 'Fecha de alta'),
    churned_at: l('Data de cancelamento', 'Churn date', 'Fecha de baja'),
    user_type: l('Tipo de usuário', 'User type', 'Tipo de usuario'),
    plan: l('Plano', 'Plan', 'Plan'),
    region: l('Região', 'Region', 'Región'),
    age_band: l('Faixa etária', 'Age band', 'Franja de edad'),
    sex: l('Sexo', 'Sex', 'Sexo'),
    account: l('Conta', 'Account', 'Cuenta'),
    revenue: l('Receita mensal', 'Monthly revenue', 'Ingreso mensual'),
    at: l('Data', 'Date', 'Fecha'),
    event: l('Evento', 'Event', 'Evento'),
    kind: l('Tipo de pesquisa', 'Survey kind', 'Tipo de encuesta'),
    score: l('Nota', 'Score', 'Puntuación'),
    channel: l('Canal', 'Channel', 'Canal'),
    ticket_id: l('ID do chamado', 'Ticket ID', 'ID del ticket'),
    opened_at: l('Data de abertura', 'Opened at', 'Fecha de apertura'),
    first_response_at: l('Primeira resposta', 'First response', 'Primera respuesta'),
    resolved_at: l('Data de resolução', 'Resolved at', 'Fecha de resolución'),
    contacts: l('Contatos', 'Contacts', 'Contactos'),
  },
};

/** The text of `label` in `locale`; undefined when a per-locale label lacks that locale. */
function textIn(label: LabelText | undefined, locale: Locale): string | undefined {
  if (label === undefined) return undefined;
  return typeof label === 'string' ? label : label[locale];
}

/** Any text of `label`, for a per-locale label that lacks the locale asked for. */
function anyText(label: LabelText | undefined): string | undefined {
  if (label === undefined || typeof label === 'string') return label;
  return label.en ?? label['pt-BR'] ?? label.es;
}

/**
 * The name of `value` in `column`, looked up through `levels` from the most specific
 * (an element's own) to the least (the built-in names): in each level the column's own
 * label, then `'*'`. A label that lacks the locale lets a lower level answer in it; only
 * when none does is it used in another language. No label at all: the value itself.
 */
export function resolveLabel(levels: readonly (Labels | undefined)[], locale: Locale, column: string | undefined, value: string): string {
  let fallback: string | undefined;
  for (const labels of levels) {
    if (!labels) continue;
    for (const key of column === undefined ? [ANY] : [column, ANY]) {
      const label = labels[key]?.[value];
      const text = textIn(label, locale);
      if (text !== undefined) return text;
      fallback ??= anyText(label);
    }
  }
  return fallback ?? value;
}

/** The name of a column (`age_band` → "Faixa etária"), from the levels' `'@columns'`. */
export function resolveColumnLabel(levels: readonly (Labels | undefined)[], locale: Locale, column: string): string {
  let fallback: string | undefined;
  for (const labels of levels) {
    const label = labels?.[COLUMNS]?.[column];
    const text = textIn(label, locale);
    if (text !== undefined) return text;
    fallback ??= anyText(label);
  }
  return fallback ?? column;
}

/** Whether `x` has the shape of labels (an object of objects of strings or per-locale objects). */
export function isLabels(x: unknown): x is Labels {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  return Object.values(x).every(
    (col) => typeof col === 'object' && col !== null && !Array.isArray(col) &&
      Object.values(col).every((v) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))),
  );
}
