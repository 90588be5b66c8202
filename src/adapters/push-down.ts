// The JSON adapter's push-down (SPEC §6): a widget's query sent to `POST {base}/aggregate`
// and computed where the data is, with the loads' headers, timeout, retries and error
// mapping. An answer that is not `{ rows, report? }` (a web page, garbage) is a format
// error, never an empty chart; a 400 with a message is the option error it is (shown
// as "a setting is not valid", not retried). With `pushDown: 'auto'`, the server's
// `GET {base}/capabilities` is asked once and says which metrics it computes.
import { isValidationReport } from '../data/validate.js';
import { PulsoOptionError } from '../query/errors.js';
import { withExtras } from '../query/extras.js';
import type { MetricQuery } from '../query/types.js';
import { AdapterError } from './errors.js';
import { send } from './http.js';
import type { ResolvedHttp } from './http.js';
import type { AggregateAnswer } from './types.js';
import { pageStart, rejectHtmlType, textStartsWithMarkup, webPageError } from './web-page.js';

export type PushDownMode = boolean | 'auto';

export class PushDown {
  /** The metrics the server computes ('auto'), once it has said. */
  private metrics?: Promise<ReadonlySet<string>>;

  constructor(
    private readonly base: string,
    private readonly http: ResolvedHttp,
    private readonly mode: true | 'auto',
  ) {}

  /** Whether to send this query to the server: always (`true`), or when its capabilities list the metric. */
  canAggregate(query: MetricQuery): boolean | Promise<boolean> {
    if (this.mode === true) return true;
    return this.known().then(
      (metrics) => metrics.has(query.metric),
      // Unreachable now (offline, say): send the query anyway, so the cache can answer it
      // or the widget can say why it cannot; capabilities are asked again next time.
      () => true,
    );
  }

  async aggregate(query: MetricQuery, signal?: AbortSignal): Promise<AggregateAnswer> {
    const url = `${this.base}/aggregate`;
    return send(url, this.http, { method: 'POST', accept: 'application/json', json: JSON.stringify(query), refusal: optionRefusal }, readAnswer, signal);
  }

  private known(): Promise<ReadonlySet<string>> {
    this.metrics ??= send(`${this.base}/capabilities`, this.http, { method: 'GET', accept: 'application/json', refusal: noCapabilities }, readCapabilities).catch((error: unknown) => {
      // Not reached (offline, a timeout, a failing server): unknown for now, asked again next time.
      if (isPassing(error)) {
        this.metrics = undefined;
        throw error;
      }
      // No such endpoint, or something else than capabilities (a web page): it computes nothing.
      return new Set<string>();
    });
    return this.metrics;
  }
}

/** A 400 whose body says `{ error }`: the server refused an option of the query. */
async function optionRefusal(response: Response): Promise<Error | undefined> {
  if (response.status !== 400) return undefined;
  const body = await response.json().catch(() => undefined);
  const message = (body as { error?: unknown } | undefined)?.error;
  return typeof message === 'string' && message !== '' ? new PulsoOptionError(new RangeError(message)) : undefined;
}

/** A server without the endpoint (a plain REST API) computes nothing: every query stays in the browser. */
class NoCapabilities extends Error {}

async function noCapabilities(response: Response): Promise<Error | undefined> {
  return [404, 405, 501].includes(response.status) ? new NoCapabilities() : undefined;
}

function isPassing(error: unknown): boolean {
  if (!(error instanceof AdapterError)) return false;
  return error.code === 'network' || error.code === 'timeout' || (error.code === 'http' && (error.status ?? 0) >= 500);
}

async function readCapabilities(response: Response, url: string): Promise<ReadonlySet<string>> {
  const body = await readJson(response, url, 'GET');
  const metrics = (body as { metrics?: unknown } | null)?.metrics;
  if (!Array.isArray(metrics) || !metrics.every((m) => typeof m === 'string')) {
    throw new AdapterError('malformed', url, `GET ${url} answered no list of metrics ({ metrics: [...] } was expected)`);
  }
  return new Set(metrics as string[]);
}

async function readAnswer(response: Response, url: string): Promise<AggregateAnswer> {
  const body = await readJson(response, url, 'POST');
  const answer = Array.isArray(body) ? { rows: body } : (body as { rows?: unknown; report?: unknown; extras?: unknown } | null);
  const rows = answer?.rows;
  if (!Array.isArray(rows) || !rows.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    throw new AdapterError('malformed', url, `POST ${url} answered ${describe(body)} where { rows: [ {…} ], report } was expected`);
  }
  withExtras(rows, answer!.extras);
  if (answer!.report === undefined || answer!.report === null) return { rows };
  if (!isValidationReport(answer!.report)) throw new AdapterError('malformed', url, `POST ${url} answered a report that is not a validation report`);
  return { rows, report: answer!.report };
}

/** The body as JSON; a web page or text that is not JSON is a format error. */
async function readJson(response: Response, url: string, method: string): Promise<unknown> {
  rejectHtmlType(response, url);
  const text = await response.text();
  if (textStartsWithMarkup(text)) {
    throw webPageError(url, `${method} ${url} answered a web page (it starts with ${JSON.stringify(pageStart(text))}) where JSON was expected`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AdapterError('malformed', url, `${method} ${url} answered malformed JSON: ${reason}`, { cause: error });
  }
}

function describe(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array of non-objects';
  return typeof body === 'object' ? 'an object without rows' : typeof body;
}
