// pulso/server (Node only): the same metrics computed at the source, in SQL (SPEC §6).
export { createSqlSource } from './source.js';
export type { SqlCapabilities, SqlSource, SqlSourceOptions } from './source.js';
export type { SqlStatement } from './sql.js';
export { PushDownError } from './context.js';
export { SqlSchemaError } from './valid.js';
export { SqlTimeoutError } from './engine.js';
