// The columns a query reads beyond the canonical ones, which the checked relations must
// carry: those of its filters, `by`, and the column options of values (column) and of
// the value metrics (value, default revenue) and of atRisk (value, when given).
import type { MetricQuery } from '../../query/types.js';

export function queryColumns(q: MetricQuery): string[] {
  const o = q.options;
  const named = (v: unknown) => (typeof v === 'string' ? [v] : []);
  const own =
    q.metric === 'values'
      ? named(o.column)
      : q.metric === 'valueConcentration' || q.metric === 'paretoCurve'
        ? named(o.value ?? 'revenue')
        : q.metric === 'atRisk'
          ? named(o.value)
          : [];
  return [...new Set([...(q.filters ?? []).map((f) => f.column), ...named(o.by), ...own])];
}
