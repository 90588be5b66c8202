// The module Pulso's worker is started from: this module's own URL. In dist/pulso.js
// that is the bundle itself, in the npm build the DOM-free chunk this lands in, in
// development this source file — always a script of the page's own origin, so a CSP of
// `script-src 'self'` allows it and a portal adds no file. Evaluated as the worker
// (named so by the page), it answers the page's messages; anywhere else it does nothing.
import { startHost } from './host.js';
import { WORKER_NAME } from './protocol.js';
import type { FromWorker, ToWorker } from './protocol.js';

/** Where the page starts its worker from. */
export const WORKER_URL: string = import.meta.url;

interface WorkerScope {
  name: string;
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}

/** True inside the worker the page started (a host's own worker importing Pulso is left alone). */
export function isPulsoWorker(): boolean {
  const scope = globalThis as unknown as Partial<WorkerScope> & { WorkerGlobalScope?: unknown };
  return scope.WorkerGlobalScope !== undefined && scope.name === WORKER_NAME;
}

if (isPulsoWorker()) startHost(globalThis as unknown as WorkerScope);
