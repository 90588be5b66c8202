// What the HTTP handler serves (SPEC §6): a source that computes queries and hands out
// validated rows — a SQL source (createSqlSource), or the rows of memory-source.ts —
// and who may ask (authorize → scope and row-level filters).
import type { LoadRequest } from '../adapters/types.js';
import type { Row, ValidationReport } from '../data/schema.js';
import type { MetricQuery, QueryFilter } from '../query/types.js';
import type { AnswerCache, AnswerCacheOptions } from './answer-cache.js';
import type { SqlCapabilities } from './source.js';

/** A load as the handler asks it of a source. */
export interface SourceLoadRequest extends LoadRequest {
  /**
   * Row-level security (and nothing else): keep only the rows these filters keep, with
   * the meaning they have in a query (SPEC §6). Sent only to a source whose
   * capabilities say `filters: true`; a load with filters is refused otherwise.
   */
  filters?: readonly QueryFilter[];
  /** A page: skip `offset` rows, answer at most `limit`, in an order stable between calls. Sent only when capabilities say `pages: true`. */
  offset?: number;
  limit?: number;
}

/** What a source can do, beyond computing every metric of `metrics`. */
export interface SourceCapabilities {
  /** The metrics `aggregate` computes (others are computed by the handler from the source's rows). */
  metrics: readonly string[];
  /** The tables `load` serves (default: the four canonical ones). */
  tables?: readonly string[];
  /** `load` applies `request.filters` (required to serve rows under row-level filters). */
  filters?: boolean;
  /** `load` honours `offset` and `limit` (else the handler pages the whole table itself). */
  pages?: boolean;
}

/** A source of queries and rows: createSqlSource's, or createMemorySource's. */
export interface PulsoSource {
  readonly id: string;
  /** The rows `runQuery` would give on the source's validated tables. RangeError/TypeError for a bad option. */
  aggregate(query: MetricQuery, signal?: AbortSignal): Promise<Row[]>;
  /** Validated rows of one table (canonical column names; timestamps as Date, ISO text or epoch ms). */
  load(request: SourceLoadRequest, signal?: AbortSignal): Promise<readonly Row[]>;
  /**
   * The rows cannot change while the source is open (a DuckDB file opened read-only,
   * or `immutable: true`): the handler keeps its answers (ResponderOptions.answerCache).
   */
  readonly immutable?: boolean;
  /** What the rows are, for answers kept across restarts (a file's size and time): undefined when unknown. */
  identity?(): Promise<string | undefined>;
  /** The validation report of the source's tables (SPEC §1). */
  report(): Promise<ValidationReport>;
  /** A SQL source's own (its metrics with their options; its load takes neither filters nor pages) or the handler's kind. */
  capabilities?(): SourceCapabilities | SqlCapabilities;
  close(): Promise<void>;
}

/** Who is asking: the cache scope the browser keeps answers under, and the filters added to everything they ask. */
export interface Access {
  /** The user or tenant id (answers to one scope are never computed together with another's). */
  scope: string;
  /** Row-level security: added to every query and load, whatever the browser asks (e.g. one hospital's accounts). */
  filters?: readonly QueryFilter[];
}

/** Which browser origins may call the API from another origin. */
export interface CorsOptions {
  /** An origin (`https://portal.example.org`), a list of them, or a test. `*` only without credentials. */
  origin: string | readonly string[] | ((origin: string) => boolean);
  /** Allow cookies and `Authorization` across origins (Access-Control-Allow-Credentials). */
  credentials?: boolean;
  /** How long a browser may keep a preflight's answer, in seconds. Default 600. */
  maxAge?: number;
}

export interface ResponderOptions {
  /** Where the API is mounted: `{base}/{table}`, `{base}/aggregate`, `{base}/capabilities`. Default `''`. */
  base?: string;
  /** The smallest count any answer may hold (k): every query's `minCellSize` is raised to it. Default 0 (the query's own). */
  minCellSize?: number;
  /** Rows per `{ rows, next }` page of a JSON load. Default 50,000. */
  pageSize?: number;
  /** Largest request body, in bytes (a query is small). Default 65,536. */
  maxBodyBytes?: number;
  /** A query or load that takes longer is cancelled and answered 504. Default 60,000 ms. */
  timeoutMs?: number;
  /** Cross-origin access; none when absent (same origin only). */
  cors?: CorsOptions;
  /**
   * Keep answers by scope and effective query (answer-cache.ts): default on (2,000
   * answers, 64 MiB) for a source that says it is `immutable`, off otherwise; `true` or
   * bounds turn it on for any source (its rows must not change while served), `false` off.
   */
  answerCache?: boolean | AnswerCacheOptions | AnswerCache;
  /** Told of failures answered 500 (default: console.error); the browser gets no detail of them. */
  onError?: (error: unknown) => void;
}

export interface HandlerOptions<Req = unknown> extends ResponderOptions {
  /**
   * Who is asking: `{ scope, filters }`, or null/false (or a throw) to refuse with 403.
   * Default: everyone, with no filters.
   */
  authorize?: (req: Req) => Access | null | false | undefined | Promise<Access | null | false | undefined>;
}
