// GET with a per-request timeout, the caller's abort, and retries with exponential
// back-off for the failures that may pass (5xx and network errors). Shared by the
// JSON, CSV and Arrow adapters.
import { AdapterError, abortError, throwIfAborted } from './errors.js';

export type { FetchLike, HeadersSource, HttpOptions, ResolvedHttp } from './http-options.js';
import type { ResolvedHttp } from './http-options.js';

/** Reads the response body; runs inside the timeout, so a stalled body times out too. */
export type BodyReader<T> = (response: Response, url: string) => Promise<T>;

/** GETs `url` with retries and returns what `read` made of the body. */
export function get<T>(
  address: string,
  http: ResolvedHttp,
  accept: string,
  read: BodyReader<T>,
  signal?: AbortSignal,
): Promise<T> {
  return send(address, http, { method: 'GET', accept }, read, signal);
}

/** What to send besides the URL. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  accept: string;
  /** A JSON body (POST). */
  json?: string;
  /**
   * An error answer the caller reads itself (a 400 whose message is an option error):
   * the error to throw, or undefined for the usual HTTP error. Such errors are not retried.
   */
  refusal?: (response: Response, url: string) => Promise<Error | undefined>;
}

/** Sends a request with retries (idempotent ones only: GETs, and POSTs that only read) and returns what `read` made of the body. */
export async function send<T>(
  address: string,
  http: ResolvedHttp,
  spec: RequestSpec,
  read: BodyReader<T>,
  signal?: AbortSignal,
): Promise<T> {
  // Absolute where there is a page, so an error names the whole URL a person can open.
  const url = resolveUrl(address, address);
  const headers = new Headers({ Accept: spec.accept });
  if (spec.json !== undefined) headers.set('Content-Type', 'application/json');
  const extra = typeof http.headers === 'function' ? await http.headers() : http.headers;
  new Headers(extra).forEach((value, key) => headers.set(key, value));
  for (let retry = 0; ; retry++) {
    throwIfAborted(url, signal);
    try {
      return await attempt(url, http, spec, headers, read, signal);
    } catch (error) {
      if (!isRetryable(error) || retry >= http.retries) throw withAttempts(error, retry + 1);
      await sleep(http.backoff(retry), url, signal);
    }
  }
}

async function attempt<T>(
  url: string,
  http: ResolvedHttp,
  spec: RequestSpec,
  headers: Headers,
  read: BodyReader<T>,
  signal?: AbortSignal,
): Promise<T> {
  const { method } = spec;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, http.timeoutMs);
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init: RequestInit = { method, headers, signal: controller.signal };
    if (spec.json !== undefined) init.body = spec.json;
    const response = await http.fetch(url, init);
    if (!response.ok) {
      const refused = spec.refusal ? await spec.refusal(response, url) : undefined;
      if (refused) throw refused;
      // Free the connection; the body of an error page is not used.
      void response.body?.cancel().catch(() => undefined);
      const text = `${response.status} ${response.statusText}`.trim();
      throw new AdapterError('http', url, `${method} ${url} failed: HTTP ${text}`, {
        status: response.status,
      });
    }
    return await read(response, url);
  } catch (error) {
    if (signal?.aborted) throw abortError(url, signal);
    if (timedOut)
      throw new AdapterError('timeout', url, `${method} ${url} timed out after ${http.timeoutMs} ms`);
    if (error instanceof AdapterError) throw error;
    // fetch rejects with a TypeError when the network fails (DNS, refused, CORS, reset).
    if (error instanceof TypeError) {
      throw new AdapterError(
        'network',
        url,
        `${method} ${url} failed: network error (${error.message})`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function isRetryable(error: unknown): boolean {
  if (!(error instanceof AdapterError)) return false;
  return error.code === 'network' || (error.code === 'http' && (error.status ?? 0) >= 500);
}

/** Says in the message that retries were spent, so nobody retries by hand for minutes. */
function withAttempts(error: unknown, attempts: number): unknown {
  if (!(error instanceof AdapterError) || attempts < 2 || !isRetryable(error)) return error;
  const message = `${error.message} (gave up after ${attempts} attempts)`;
  return new AdapterError(error.code, error.url, message, {
    status: error.status,
    cause: error.cause,
    received: error.received,
  });
}

function sleep(ms: number, url: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(url, signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves `ref` against `url` (which may itself be relative to the page, or have no page at all). */
export function resolveUrl(ref: string, url: string): string {
  const NOWHERE = 'http://relative.invalid';
  const page = (globalThis as { location?: { href?: string } }).location?.href ?? NOWHERE;
  let resolved: URL;
  try {
    resolved = new URL(ref, new URL(url, page));
  } catch {
    return ref; // not a URL we can parse: let fetch say what is wrong with it
  }
  // Keep a relative URL relative when there is no page to resolve it against (Node).
  return resolved.origin === NOWHERE
    ? resolved.pathname + resolved.search + resolved.hash
    : resolved.href;
}
