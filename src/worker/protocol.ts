// The messages between the page and Pulso's worker (DESIGN §1): the page sends plain
// queries and adapter recipes, the worker answers rows (small, plain) and the news of
// its sources. Everything here survives structured cloning; nothing is a function.
import type { LoadMeta, RevalidationOutcome } from '../cache/cached-meta.js';
import type { CacheProblem } from '../cache/types.js';
import type { Row, TableName, ValidationReport } from '../data/schema.js';
import type { MetricQuery } from '../query/types.js';
import type { CacheConfig, ResolvedCache } from '../source/cache-policy.js';
import type { SourceEvent } from '../source/source.js';
import type { AdapterRecipe } from './recipe.js';

/** The name the page gives its worker: the module knows it runs as Pulso's worker by it. */
export const WORKER_NAME = 'pulso-worker';

/** The cache options that cross (a `now` function does not: a page that sets one keeps its work at home). */
export type WorkerCacheConfig = Omit<CacheConfig, 'now'>;

/** A query's answer as it crosses: LoadMeta without its revalidation promise (told apart). */
export interface WireAnswer {
  rows: Row[];
  /** The rows array's own named properties (retention's `excluded`), which cloning drops (src/query/extras.ts). */
  extras?: Record<string, unknown>;
  report: ValidationReport;
  meta?: Omit<LoadMeta, 'revalidation'>;
  reached: boolean[];
  at: 'source' | 'browser';
}

/** An error as it crosses: its name, message and the fields widgets read (code, status, url, limit…). */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, unknown>;
}

export type ToWorker =
  | { t: 'configure'; config: WorkerCacheConfig }
  /**
   * An adapter described by plain options; the tables of `coming` follow in slices (a
   * memory adapter's rows in `rows` messages, an Arrow adapter's bytes in `bytes`).
   */
  | { t: 'adapter'; aid: number; recipe: AdapterRecipe; coming: TableName[] }
  | { t: 'rows'; aid: number; table: TableName; rows: unknown[]; last: boolean }
  /** A slice of an Arrow table's bytes (a copy of it, transferred): `total` bytes in all. */
  | { t: 'bytes'; aid: number; table: TableName; chunk: Uint8Array; offset: number; total: number }
  | { t: 'open'; sid: number; aid: number; cache: ResolvedCache }
  | { t: 'run'; id: number; sid: number; query: MetricQuery }
  | { t: 'abort'; id: number }
  | { t: 'refresh'; sid: number }
  | { t: 'clear'; scope?: string }
  | { t: 'idle'; id: number; sid: number };

export type FromWorker =
  | { t: 'ready' }
  | { t: 'answer'; id: number; answer: WireAnswer; sourceReport: ValidationReport; revalidating: boolean }
  | { t: 'revalidated'; id: number; outcome: RevalidationOutcome }
  | { t: 'error'; id: number; error: WireError }
  | { t: 'event'; sid: number; event: SourceEvent; sourceReport: ValidationReport }
  | { t: 'problem'; sid: number; problem: Pick<CacheProblem, 'code' | 'message'> }
  | { t: 'idle'; id: number };
