import type { GalleryContext, GallerySpec } from './types.js';

export const specs = ({ asOf }: GalleryContext): GallerySpec[] => [
  { tag: 'pulso-nps-trend', attrs: { to: asOf, target: '40' } },
  { tag: 'pulso-nps-trend', attrs: { from: '2025-06-01', to: asOf, by: 'plan', rolling: '3', 'min-cell-size': '11' } },
  { tag: 'pulso-nps-trend', attrs: { from: '2026-01-01', to: asOf, period: 'week', by: 'channel' } },
];
