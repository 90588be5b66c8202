// The columns a query reads beyond the canonical ones, which the checked relations must
// carry: those of its filters, `by`, and the column options of values (column) and of
// the value metrics (value, default revenue) and of atRisk (value, when given).
import type { MetricQuery } from '../../query/types.js';

export function queryColumns(q: MetricQuery): string[] {
  const o = q.options;
  const named = (v: unknown) => (typeof v === 'string' ? [v] : []);
  return [
    ...new Set([
      ...(q.filters ?? []).map((f) => f.column),
      ...named(o.by),
      ...ownColumns(q).flatMap(named),
    ]),
  ];
}

/** The column a metric's own options name. */
function ownColumns(q: MetricQuery): unknown[] {
  const o = q.options;
  switch (q.metric) {
    case 'values':
      return [o.column];
    case 'valueConcentration':
    case 'paretoCurve':
      return [o.value ?? 'revenue'];
    case 'atRisk':
      return [o.value];
    default:
      return [];
  }
}
