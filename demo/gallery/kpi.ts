// <pulso-kpi> in the gallery: one card per metric of SPEC §3.7 over the last 30
// days of the seeded data (?lang and ?theme switch language and theme), activation
// counted on real first uses, plus a card with an explicit range, a weekly
// sparkline and small-cell suppression.
import '../../components/kpi/pulso-kpi.js';
import type { GalleryContext, GallerySpec } from './types.js';

const METRICS = ['churnRate', 'nps', 'csat', 'ces', 'fcr', 'firstResponseMedian', 'resolutionMedian', 'ticketVolume'];

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  ...METRICS.map((metric) => ({ tag: 'pulso-kpi', attrs: { metric, 'as-of': asOf } })),
  // Activation is a first real use of the app, not the sign-up event itself.
  { tag: 'pulso-kpi', attrs: { metric: 'activation', 'as-of': asOf, 'activation-events': 'booked_appointment,teleconsult' } },
  { tag: 'pulso-kpi', attrs: { metric: 'adoption', 'as-of': asOf, features: 'teleconsult,lab_results' } },
  // March 2026 against February: the phone channel's slide shows in CSAT.
  { tag: 'pulso-kpi', attrs: { metric: 'csat', from: '2026-03-01', to: '2026-04-01', 'spark-unit': 'week', 'spark-periods': '10' } },
  { tag: 'pulso-kpi', attrs: { metric: 'nps', 'as-of': asOf, range: 'P7D', 'spark-unit': 'week', 'min-cell-size': '60' } },
];
