// The API of SPEC §5–6 as a function of a web Request (and who is asking) to a web
// Response: `GET {base}/{table}`, `POST {base}/aggregate`, `GET {base}/capabilities`.
// Free of Node: createHandler (handler.ts) adapts it to Node's (req, res), and a test
// page can serve it through a service worker. A caller that leaves cancels the source's
// work; a query that runs too long is cancelled and answered 504.
import { METRIC_NAMES } from '../query/types.js';
import type { ValidationReport } from '../data/schema.js';
import { AggregateRoute } from './aggregate-route.js';
import { AnswerCache } from './answer-cache.js';
import { loadReply, servedTable } from './load-route.js';
import { bodyText, corsHeaders, errorReply, jsonReply, preflightReply, Refusal } from './replies.js';
import type { Access, PulsoSource, ResponderOptions, SourceCapabilities } from './types.js';

/** Answers one request; `access` null refuses it (403). */
export type Responder = (request: Request, access: Access | null) => Promise<Response>;

const REPORT_TTL_MS = 60_000;

export function createResponder(source: PulsoSource, options: ResponderOptions = {}): Responder {
  const base = (options.base ?? '').replace(/\/+$/, '');
  const capabilities = servedCapabilities(source);
  const k = options.minCellSize ?? 0;
  const pageSize = options.pageSize ?? 50_000;
  const maxBody = options.maxBodyBytes ?? 65_536;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const onError = options.onError ?? ((e: unknown) => console.error('pulso-serve:', e));
  const report = memoized(() => source.report(), REPORT_TTL_MS);
  const cache = answerCache(source, options.answerCache);
  const aggregates = new AggregateRoute({ source, capabilities, minCellSize: k, report, maxFallbackRows: 5_000_000, ...(cache ? { cache } : {}) });
  const served = {
    metrics: [...METRIC_NAMES],
    tables: capabilities.tables ?? ['customers', 'activity', 'surveys', 'tickets'],
    pushDown: true,
    minCellSize: k,
    pageSize,
    arrow: true,
  };

  async function route(request: Request, path: string, access: Access, signal: AbortSignal): Promise<Response> {
    const method = request.method.toUpperCase();
    if (path === 'capabilities') return method === 'GET' ? jsonReply(served) : notAllowed('GET');
    if (path === 'aggregate') {
      if (method !== 'POST') return notAllowed('POST');
      const query = aggregates.effective(parsed(await bodyText(request, maxBody)), access);
      const { reply, cached } = await aggregates.answer(query, access, signal);
      return jsonReply(reply, 200, cache ? { 'X-Pulso-Cache': cached ? 'hit' : 'miss' } : {});
    }
    const table = servedTable(path, capabilities);
    if (!table) return errorReply(404, `No such table or route: ${JSON.stringify(path)}`);
    if (method !== 'GET') return notAllowed('GET');
    return loadReply({ source, capabilities, pageSize }, table, new URL(request.url), request.headers.get('accept') ?? '', access, signal);
  }

  return async (request, access) => {
    const cors = corsHeaders(options.cors, request.headers.get('origin'));
    const path = pathIn(new URL(request.url).pathname, base);
    if (path === undefined) return errorReply(404, 'Not found', cors);
    if (request.method.toUpperCase() === 'OPTIONS') return preflightReply(options.cors, request);
    if (!access) return errorReply(403, 'Forbidden', cors);
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([request.signal, timeout]);
    try {
      return withHeaders(await route(request, path, access, signal), cors);
    } catch (error) {
      if (error instanceof Refusal) return errorReply(error.status, error.message, { ...cors, ...error.headers });
      if (timeout.aborted) return errorReply(504, `The query took longer than ${timeoutMs / 1000} s and was cancelled`, cors);
      // The caller left: nobody reads this answer.
      if (request.signal.aborted) return errorReply(499, 'The request was cancelled', cors);
      onError(error);
      return errorReply(500, 'The query failed on the server', cors);
    }
  };
}

/** The answer cache: the host's, or one of its own for a source that cannot change while served (`false`: none). */
function answerCache(source: PulsoSource, option: ResponderOptions['answerCache']): AnswerCache | undefined {
  if (option === false) return undefined;
  if (option instanceof AnswerCache) return option;
  if (option === undefined && source.immutable !== true) return undefined;
  return new AnswerCache(option === true ? {} : option);
}

/** What the handler may ask of `source`: a SQL source computes the metrics it lists, and its rows come whole. */
function servedCapabilities(source: PulsoSource): SourceCapabilities {
  const caps = source.capabilities?.();
  if (!caps) return { metrics: METRIC_NAMES };
  return 'engine' in caps ? { metrics: Object.keys(caps.metrics) } : caps;
}

/** The route under `base` (`aggregate`, `capabilities`, a table), or undefined outside it. */
function pathIn(pathname: string, base: string): string | undefined {
  if (!pathname.startsWith(`${base}/`)) return undefined;
  const rest = pathname.slice(base.length + 1);
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Refusal(400, `The body must be a JSON query { metric, options, filters? }: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function notAllowed(allow: string): Response {
  return errorReply(405, `Use ${allow} here`, { Allow: allow });
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

/** `make()`, kept for `ttlMs` (a failure is not kept). */
function memoized(make: () => Promise<ValidationReport>, ttlMs: number): () => Promise<ValidationReport> {
  let held: { at: number; value: Promise<ValidationReport> } | undefined;
  return () => {
    if (held && Date.now() - held.at <= ttlMs) return held.value;
    const value = make();
    held = { at: Date.now(), value };
    value.catch(() => (held = undefined));
    return held.value;
  };
}
