// A scripted fetch double for the pure adapter tests (Node and browser alike).
import type { AdapterError } from '../../src/adapters/errors.js';
import type { FetchLike } from '../../src/adapters/http.js';

export interface Call {
  url: string;
  headers: Headers;
  signal?: AbortSignal;
  method: string;
  /** The body sent, as text (POST). */
  body?: string;
}

/** One scripted answer: a Response, an error to throw, or a function of the call. */
export type Step = Response | Error | ((call: Call) => Response | Promise<Response>);

/** Answers each call with the next step (the last step repeats) and records the calls. */
export function scriptedFetch(steps: Step[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: input,
      headers: new Headers(init?.headers),
      signal: init?.signal ?? undefined,
      method: init?.method ?? 'GET',
    };
    if (typeof init?.body === 'string') call.body = init.body;
    calls.push(call);
    const step = steps[Math.min(calls.length - 1, steps.length - 1)];
    if (step instanceof Error) throw step;
    return typeof step === 'function' ? step(call) : step.clone();
  };
  return Object.assign(fetch, { calls });
}

export const json = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    ...init,
  });

/** A fetch that never answers until its signal aborts (then rejects like the platform). */
export const hanging = (call: Call): Promise<Response> =>
  new Promise((_, reject) => {
    call.signal?.addEventListener('abort', () =>
      reject(new DOMException('The operation was aborted.', 'AbortError')),
    );
  });

/** Gzip bytes through the platform's CompressionStream (Node 18+ and browsers). */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A path as the adapters report it: absolute where there is a page (browser), as is in Node. */
export function here(path: string): string {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  return page ? new URL(path, page).href : path;
}

/** A response with binary content (Arrow IPC, gzip). */
export const bytesResponse = (bytes: Uint8Array, headers: HeadersInit = {}): Response =>
  new Response(bytes as Uint8Array<ArrayBuffer>, { headers });

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<AdapterError> {
  try {
    await promise;
  } catch (error) {
    return error as AdapterError;
  }
  throw new Error('expected a rejection');
}
