// The adapters of SPEC §5 (named re-exports only).
export type {
  Adapter,
  AggregateAnswer,
  FieldConstant,
  FieldMap,
  LoadRequest,
  LoadResult,
  TimeInput,
} from './types.js';
export { AdapterError, isAbortError } from './errors.js';
export type { AdapterErrorCode, AdapterErrorReceived } from './errors.js';
export type { FetchLike, HeadersSource, HttpOptions } from './http-options.js';
export { MemoryAdapter } from './memory.js';
export type { MemoryAdapterOptions } from './memory.js';
export { JsonAdapter, ARROW_STREAM } from './json.js';
export type { JsonAdapterOptions } from './json.js';
export { CsvAdapter } from './csv.js';
export type { CsvAdapterOptions } from './csv.js';
// The CSV parser itself is not re-exported: it loads with the CSV adapter's first read
// (the fetching chunk), not with every page's first chart.
export type { CsvParseOptions, CsvParseResult } from './csv-parse.js';
export { ArrowAdapter } from './arrow.js';
export { loadArrow } from './arrow-codec.js';
export type { ArrowAdapterOptions, ArrowSource } from './arrow.js';
export {
  registerAdapter,
  unregisterAdapter,
  registeredAdapters,
  resolveSource,
  isUrlSource,
} from './registry.js';
