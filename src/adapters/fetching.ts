// The adapters' network and text reading, one chunk of dist/pulso.js loaded at the first
// load of a JsonAdapter, CsvAdapter or ArrowAdapter over URLs (or a push-down query): HTTP
// with retries, web-page and gzip checks, JSON pages, the CSV reader. A page whose data are
// in memory (a MemoryAdapter) never fetches it. Loaded through src/adapters/fetching-load.ts.
export { bodyBytes, bodyText } from './body.js';
export { readCsv } from './csv-read.js';
export { get } from './http.js';
export { loadJson } from './json-read.js';
export { PushDown } from './push-down.js';
