// The one error type adapters reject with, so a widget can tell a 404 from a
// timeout from a page that went away, and always show which URL failed.

export type AdapterErrorCode = 'http' | 'timeout' | 'network' | 'malformed' | 'aborted';

/** What came instead of data, for a format error: `html`, a web page. */
export type AdapterErrorReceived = 'html';

export interface AdapterErrorOptions {
  status?: number;
  cause?: unknown;
  received?: AdapterErrorReceived;
}

export class AdapterError extends Error {
  readonly code: AdapterErrorCode;
  /** HTTP status, for `code: 'http'`. */
  readonly status?: number;
  /** The URL (or source description) that failed. */
  readonly url: string;
  /**
   * For `code: 'malformed'`: what came instead of data, when it is known. `html` is a
   * web page (a server's fallback, login or error page), so a widget can say so.
   */
  readonly received?: AdapterErrorReceived;

  constructor(
    code: AdapterErrorCode,
    url: string,
    message: string,
    options: AdapterErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    // An abort is named like the platform's own, so `e.name === 'AbortError'` checks
    // written for fetch keep working, and callers can ignore it like any abort.
    this.name = code === 'aborted' ? 'AbortError' : 'AdapterError';
    this.code = code;
    this.url = url;
    if (options.status !== undefined) this.status = options.status;
    if (options.received !== undefined) this.received = options.received;
  }
}

/** The rejection for a caller's abort, carrying the caller's reason as `cause`. */
export function abortError(url: string, signal?: AbortSignal): AdapterError {
  return new AdapterError('aborted', url, `Loading ${url} was aborted`, { cause: signal?.reason });
}

/** True for an abort of any origin: ours, fetch's DOMException, or a caller's reason. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Rejects at once when the caller has already aborted. */
export function throwIfAborted(url: string, signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError(url, signal);
}
