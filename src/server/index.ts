// `pulso/server` (Node only, SPEC §6): sources that compute queries where the data is,
// and the HTTP handler that serves them to the browser's JsonAdapter.
export { createHandler } from './handler.js';
export type { NodeHandler } from './handler.js';
export { createResponder } from './responder.js';
export type { Responder } from './responder.js';
export { createMemorySource } from './memory-source.js';
export type { MemorySourceOptions } from './memory-source.js';
export type { Access, CorsOptions, HandlerOptions, PulsoSource, ResponderOptions, SourceCapabilities, SourceLoadRequest } from './types.js';
