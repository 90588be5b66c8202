// The HTTP options of the fetching adapters, resolved when an adapter is made (src/adapters/http.ts
// does the requests, in the chunk loaded with an adapter's first load).
export type HeadersSource = HeadersInit | (() => HeadersInit | Promise<HeadersInit>);
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Sent with every request (auth). A function is called before each load, so tokens can refresh. */
  headers?: HeadersSource;
  /** Per request, body included. Default 30000. */
  timeoutMs?: number;
  /** Extra attempts after a 5xx or network error. Default 3. */
  retries?: number;
  /** First back-off in ms, doubled each retry with jitter (default 300), or a function of the retry index. */
  backoffMs?: number | ((retry: number) => number);
  /** Injectable for tests and for hosts with their own fetch (default: the global one). */
  fetch?: FetchLike;
}

export interface ResolvedHttp {
  headers?: HeadersSource;
  timeoutMs: number;
  retries: number;
  backoff: (retry: number) => number;
  fetch: FetchLike;
}

export function resolveHttp(options: HttpOptions): ResolvedHttp {
  const { backoffMs = 300 } = options;
  return {
    headers: options.headers,
    timeoutMs: options.timeoutMs ?? 30000,
    retries: Math.max(0, options.retries ?? 3),
    backoff: typeof backoffMs === 'function' ? backoffMs : (retry) => jittered(backoffMs, retry),
    // Bound late so a fetch patched after construction (msw, polyfills) is the one used.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}

/** base · 2^retry, scaled by a random factor in [0.5, 1.5) so clients do not retry in step. */
function jittered(base: number, retry: number): number {
  return base * 2 ** retry * (0.5 + Math.random());
}
