// The funnel in ClickHouse with segments past maxSegments (or outside keepSegments)
// folded into "(others)" as the browser folds them (compile/fold-later.ts): funnel.ts
// per segment first; when folding is needed, the segments weighed (weigh.ts) and the
// "(others)" segment computed by funnel.ts alone over the folded segments' events.
import { checkFunnelOptions } from '../../../metrics/funnel.js';
import { foldLater } from '../../compile/fold-later.js';
import type { ChMetricCompiler } from './common.js';
import { compileFunnel } from './funnel.js';
import { funnelWeights } from './weigh.js';

export const compileFunnelFolding: ChMetricCompiler = (c, options) => {
  const o = checkFunnelOptions(options);
  const first = compileFunnel(c, options);
  if (o.by === undefined) return first;
  return foldLater(first, {
    limit: o.segments,
    weigh: () => funnelWeights(c, o),
    others: (kept) => compileFunnel(c, options, kept).statements,
  });
};
