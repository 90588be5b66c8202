// `pulso/server` (Node only, SPEC §6): sources that compute queries where the data is
// (SQL on DuckDB and PostgreSQL, or rows in memory), and the HTTP handler that serves
// them to the browser's JsonAdapter.
export { createSqlSource } from './source.js';
export type { SqlCapabilities, SqlSource, SqlSourceOptions } from './source.js';
export type { SqlStatement } from './sql.js';
export { PushDownError } from './context.js';
export { SqlSchemaError } from './valid.js';
export { SqlTimeoutError } from './engine.js';
export { createHandler } from './handler.js';
export type { NodeHandler } from './handler.js';
export { createResponder } from './responder.js';
export type { Responder } from './responder.js';
export { AnswerCache } from './answer-cache.js';
export type { AnswerCacheOptions } from './answer-cache.js';
export { createMemorySource } from './memory-source.js';
export type { MemorySourceOptions } from './memory-source.js';
export type { Access, CorsOptions, HandlerOptions, PulsoSource, ResponderOptions, SourceCapabilities, SourceLoadRequest } from './types.js';
