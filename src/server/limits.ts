// What a SQL source takes at most, checked before anything runs: a query whose size
// would only make a statement huge (a 100,000-value IN list, a 50-step funnel) is
// refused with a message that names the option, instead of being sent.
import type { MetricQuery } from '../query/types.js';
import { PushDownError } from './context.js';

export const MAX_FILTERS = 32;
export const MAX_VALUES = 10_000;
export const MAX_STEPS = 24;

export function checkQueryLimits(q: MetricQuery, engine: string): void {
  const filters = q.filters ?? [];
  if (filters.length > MAX_FILTERS) {
    throw new PushDownError(q.metric, 'filters', engine, `${filters.length} filters given; at most ${MAX_FILTERS}`);
  }
  filters.forEach((f, i) => {
    const values = (f as { values?: readonly unknown[] }).values;
    if (values && values.length > MAX_VALUES) {
      throw new PushDownError(q.metric, `filters[${i}].values`, engine, `${values.length} values listed; at most ${MAX_VALUES}`);
    }
  });
  // The kept segments are an IN list too (compile/fold-later.ts).
  const keep = q.options.keepSegments;
  if (Array.isArray(keep) && keep.length > MAX_VALUES) {
    throw new PushDownError(q.metric, 'keepSegments', engine, `${keep.length} segments listed; at most ${MAX_VALUES}`);
  }
  const steps = q.options.steps;
  const n = Array.isArray(steps) ? steps.length : typeof steps === 'string' ? steps.split(',').length : 0;
  if (q.metric === 'funnel' && n > MAX_STEPS) throw new PushDownError(q.metric, 'steps', engine, `${n} steps given; at most ${MAX_STEPS}`);
}
