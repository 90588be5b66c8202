import type { GalleryContext, GallerySpec } from './types.js';

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-cohort-churn', attrs: { 'as-of': asOf, from: '2025-01-01', 'min-cell-size': '11' } },
  { tag: 'pulso-cohort-churn', attrs: { 'as-of': asOf, from: '2025-01-01', by: 'plan', chart: 'curves' } },
  {
    tag: 'pulso-cohort-churn',
    attrs: { 'as-of': asOf, from: '2026-01-01', by: 'plan', 'min-cell-size': '11' }, heading: { 'pt-BR': 'Retenção por plano desde 2026', en: 'Retention by plan since 2026', es: 'Retención por plan desde 2026' },
  },
];
