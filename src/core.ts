// `pulso/core`: the DOM-free core, usable in Node and in any page (named re-exports only).
export { TABLE_NAMES, SCHEMA, SURVEY_SCALES } from './data/schema.js';
export type {
  TableName,
  Row,
  TableInput,
  Tables,
  NormalizedTables,
  Problem,
  ProblemSample,
  ProblemCount,
  ValidationReport,
  SurveyKind,
} from './data/schema.js';
export { validate, mergeReports } from './data/validate.js';
export type { ValidateOptions, ValidationResult } from './data/validate.js';
export { frameOf } from './data/frame.js';
export type { Frame, Dictionary } from './data/frame.js';
export { loadTables } from './data/load.js';
export type { LoadOptions } from './data/load.js';
export { applyFieldMap, toTable } from './data/fields.js';

export * from './adapters/index.js';
export * from './time/index.js';

export { LOCALES, resolveLocale } from './i18n/messages.js';
export type { Locale } from './i18n/messages.js';
export { reportNotices } from './i18n/report.js';
