// POST {base}/aggregate: a query in, `{ rows, report }` out. The query is checked as the
// browser checks it, then made the caller's: their row-level filters are added to it
// (a browser cannot remove them: every filter of a query must hold), and its
// `minCellSize` is raised to the server's k, so no count below k leaves the server
// whatever the browser asked. A metric the source does not compute is computed here
// from the source's rows.
import { emptyReport } from '../data/validate.js';
import type { Row, TableName, ValidationReport } from '../data/schema.js';
import { asOptionError, PulsoOptionError } from '../query/errors.js';
import { queryTables, runQuery } from '../query/run.js';
import type { MetricQuery } from '../query/types.js';
import { validateQuery } from '../query/validate.js';
import { rowExtras } from '../query/extras.js';
import { InFlight } from '../source/in-flight.js';
import { answerKey, type AnswerCache } from './answer-cache.js';
import { Refusal } from './replies.js';
import type { Access, PulsoSource, SourceCapabilities } from './types.js';

export interface AggregateSettings {
  source: PulsoSource;
  capabilities: SourceCapabilities;
  minCellSize: number;
  /** The source's validation report (memoized by the caller). */
  report: () => Promise<ValidationReport>;
  /** Most rows loaded to compute a metric the source lacks. */
  maxFallbackRows: number;
  /** Answers kept (the source cannot change while served); none when absent. */
  cache?: AnswerCache;
}

export interface AggregateReply {
  rows: Row[];
  report: ValidationReport;
  /** Named properties of the rows array (retention's `excluded`), which JSON would drop. */
  extras?: Record<string, unknown>;
}

export class AggregateRoute {
  /** Identical queries of one scope in flight are one source call, cancelled when every caller has left. */
  private readonly running = new InFlight<Row[]>();

  constructor(private readonly s: AggregateSettings) {}

  /** The query as the server computes it for `access` (a 400 for a query that is not one). */
  effective(body: unknown, access: Access): MetricQuery {
    const q = checked(body);
    const options = raiseCellSize(q, this.s.minCellSize);
    const filters = [...(q.filters ?? []), ...(access.filters ?? [])];
    return checked(filters.length ? { metric: q.metric, options, filters } : { metric: q.metric, options });
  }

  /** The reply, and whether it came from the answer cache. */
  async answer(query: MetricQuery, access: Access, signal: AbortSignal): Promise<{ reply: AggregateReply; cached: boolean }> {
    const key = answerKey(access.scope, query);
    const { cache } = this.s;
    let rows = cache?.get(key);
    const cached = rows !== undefined;
    try {
      rows ??= await this.running.join(key, (aborted) => this.computeAndKeep(key, query, access, aborted), signal);
    } catch (error) {
      const refused = asOptionError(error);
      if (refused instanceof PulsoOptionError) throw new Refusal(400, refused.message);
      throw error;
    }
    // The whole source's report would tell one tenant about the others' rows.
    const report = access.filters?.length ? emptyReport() : reportFor(await this.s.report(), queryTables(query));
    const extras = rowExtras(rows);
    return { reply: extras ? { rows, report, extras } : { rows, report }, cached };
  }

  private async computeAndKeep(key: string, query: MetricQuery, access: Access, signal: AbortSignal): Promise<Row[]> {
    const rows = await this.compute(query, access, signal);
    this.s.cache?.set(key, rows);
    return rows;
  }

  private compute(query: MetricQuery, access: Access, signal: AbortSignal): Promise<Row[]> {
    if (this.s.capabilities.metrics.includes(query.metric)) return this.s.source.aggregate(query, signal);
    return this.fallback(query, access, signal);
  }

  /** runQuery over the rows the source hands out (through the caller's filters). */
  private async fallback(query: MetricQuery, access: Access, signal: AbortSignal): Promise<Row[]> {
    const { source, capabilities, maxFallbackRows } = this.s;
    const filters = access.filters?.length ? access.filters : undefined;
    if (filters && !capabilities.filters) throw new Refusal(501, `This source cannot compute ${query.metric} under row-level filters`);
    const tables: Partial<Record<TableName, readonly Row[]>> = {};
    for (const table of queryTables(query)) {
      if (capabilities.tables && !capabilities.tables.includes(table)) continue;
      const limit = capabilities.pages ? { offset: 0, limit: maxFallbackRows + 1 } : {};
      const rows = await source.load({ table, ...(filters ? { filters } : {}), ...limit }, signal);
      if (rows.length > maxFallbackRows) throw new Refusal(501, `This source does not compute ${query.metric}, and its ${table} table is too large to compute it here`);
      tables[table] = rows;
    }
    signal.throwIfAborted();
    return runQuery(tables, query);
  }
}

function checked(query: unknown): MetricQuery {
  try {
    return validateQuery(query);
  } catch (error) {
    throw new Refusal(400, error instanceof Error ? error.message : String(error));
  }
}

/** The query's options with `minCellSize` at least k (every metric takes it). */
function raiseCellSize(q: MetricQuery, k: number): MetricQuery['options'] {
  const asked = q.options.minCellSize;
  if (k <= 1 || (typeof asked === 'number' && asked >= k)) return q.options;
  return { ...q.options, minCellSize: k };
}

/** The part of a report about `tables`. */
export function reportFor(report: ValidationReport, tables: readonly TableName[]): ValidationReport {
  const out = emptyReport();
  for (const t of tables) {
    const counts = report.tables[t];
    if (!counts) continue;
    out.tables[t] = { ...counts };
    out.accepted += counts.accepted;
    out.rejected += counts.rejected;
  }
  out.counts = report.counts.filter((c) => tables.includes(c.table));
  out.problems = report.problems.filter((p) => tables.includes(p.table));
  const sampled = out.counts.reduce((n, c) => n + c.rows, 0);
  out.problemsOmitted = Math.max(0, Math.min(report.problemsOmitted, sampled - out.problems.length));
  return out;
}
