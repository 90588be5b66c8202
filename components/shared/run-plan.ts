// Running a widget's queries through the coordinator: the dashboard's filters added to
// each query, the first queries at once and those that need their answers after, and
// what came back merged — one validation report (each table once), the oldest data's
// freshness, and which dashboard filters reached the widget's data.
import type { LoadMeta } from '../../src/cache/cached-meta.js';
import { combineMeta } from '../../src/data/load.js';
import type { TableName, ValidationReport } from '../../src/data/schema.js';
import { unionReports } from '../../src/data/validate.js';
import type { MetricQuery } from '../../src/query/types.js';
import { coordinator } from '../../src/source/coordinator.js';
import type { QueryAnswer } from '../../src/source/coordinator.js';
import type { Source } from '../../src/source/source.js';
import { queryTables } from '../../src/query/run.js';
import type { DashboardFilter } from './context.js';
import type { Answers, Queries, WidgetPlan } from './data-types.js';

export interface RanPlan {
  answers: Answers;
  report: ValidationReport;
  meta?: LoadMeta;
  filters: { filter: DashboardFilter; reached: boolean }[];
  /** The tables the queries read (a change to one of them runs the plan again). */
  tables: ReadonlySet<TableName>;
}

/** The query with the dashboard's filters after its own. */
export function withFilters(query: MetricQuery, filters: readonly DashboardFilter[]): MetricQuery {
  const added = filters.flatMap((f) => f.filters);
  return added.length ? { ...query, filters: [...(query.filters ?? []), ...added] } : query;
}

export async function runPlan(
  plan: WidgetPlan,
  source: Source,
  filters: readonly DashboardFilter[],
  signal: AbortSignal,
): Promise<RanPlan> {
  const ran: { query: MetricQuery; answer: QueryAnswer }[] = [];
  const runAll = async (queries: Queries): Promise<Record<string, readonly unknown[]>> => {
    const entries = Object.entries(queries).map(([name, q]) => [name, withFilters(q, filters)] as const);
    const answers = await Promise.all(entries.map(([, q]) => coordinator.run(q, source, signal)));
    const out: Record<string, readonly unknown[]> = {};
    entries.forEach(([name, query], i) => {
      out[name] = answers[i].rows;
      ran.push({ query, answer: answers[i] });
    });
    return out;
  };
  const runStage = async (stage: WidgetPlan, before: Answers): Promise<Answers> => {
    const answers = { ...before, ...(await runAll(stage.queries)) };
    return stage.then ? runStage(stage.then(answers), answers) : answers;
  };
  const answers = await runStage(plan, {});
  return {
    answers,
    report: unionReports(ran.map((r) => r.answer.report)),
    meta: ran.reduce<LoadMeta | undefined>((m, r) => combineMeta(m, r.answer.meta), undefined),
    filters: filters.map((filter) => ({ filter, reached: reachedBy(filter, ran) })),
    tables: new Set(ran.flatMap((r) => queryTables(r.query))),
  };
}

/** A dashboard filter reaches the widget when any of its parts reached a table of any query. */
function reachedBy(filter: DashboardFilter, ran: readonly { query: MetricQuery; answer: QueryAnswer }[]): boolean {
  return ran.some(({ query, answer }) => {
    const own = query.filters ?? [];
    return answer.reached.some((hit, i) => hit && filter.filters.includes(own[i]));
  });
}
